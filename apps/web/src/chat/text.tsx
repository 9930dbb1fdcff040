import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import i18n from '../i18n';

const URL_RE = /\b(https?:\/\/[^\s<>"']+|www\.[^\s<>"']+)/gi;

/** Plain text with http(s) links made clickable; everything else stays text (no HTML is interpreted). */
export function Linkify({ text }: { text: string }) {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let url = match[0];
    // trailing punctuation is rarely part of the link
    const trail = /[.,;:!?)\]}'"。，！？）]+$/.exec(url)?.[0] ?? '';
    if (trail) url = url.slice(0, -trail.length);
    const start = match.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    const href = url.toLowerCase().startsWith('http') ? url : `https://${url}`;
    out.push(
      <Anchor
        key={start}
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        inherit
        underline="always"
      >
        {url}
      </Anchor>,
    );
    last = start + url.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}

/** Text with [start, end) ranges emphasised. */
export function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const out: ReactNode[] = [];
  let last = 0;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    if (a < last) continue;
    if (a > last) out.push(text.slice(last, a));
    out.push(<mark key={a}>{text.slice(a, b)}</mark>);
    last = b;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}

/** "14:05" today, "Mon" this week, else a short date. */
export function shortTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const now = new Date();
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay)
    return new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(d);
  if (now.getTime() - d.getTime() < 6 * 86_400_000)
    return new Intl.DateTimeFormat(i18n.language, { weekday: 'short' }).format(d);
  return new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric' }).format(d);
}

export function clockTime(value: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(d);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface TemplateVars {
  contactName?: string | null;
  contactEmail?: string | null;
  agentName?: string | null;
  conversationNumber?: number | null;
}

/** Fills canned-response variables; unknown ones are left as typed. */
export function fillTemplate(body: string, v: TemplateVars): string {
  const map: Record<string, string | null | undefined> = {
    'contact.name': v.contactName,
    'contact.email': v.contactEmail,
    'agent.name': v.agentName,
    'conversation.number': v.conversationNumber != null ? String(v.conversationNumber) : null,
  };
  const EMPTY = '\uE000'; // private-use character as a placeholder
  const filled = body.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/gi, (whole, name: string) => {
    const key = name.toLowerCase();
    if (!(key in map)) return whole;
    return map[key]?.trim() || EMPTY;
  });
  // an empty variable takes the space before it along ("Hi {{contact.name}}, …" → "Hi, …")
  return filled.replace(/[ \t]*\uE000/g, '');
}

export function initials(name: string): string {
  const n = name.trim();
  if (!n) return '?';
  if (/[\u4e00-\u9fff]/.test(n[0])) return n.slice(0, 1);
  return n
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}
