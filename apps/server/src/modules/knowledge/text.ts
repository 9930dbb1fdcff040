import { searchTokens } from '@kefu/nlp';
import { escapeLike } from '../conversations/index.js';

/**
 * Search text helpers shared by the API search, the FAQ list's filter and the help center: query tokens (jieba
 * for Chinese, words and stems for English, via @kefu/nlp), an OR tsquery over them, the SQL that matches FAQ
 * entries to a query, markdown → plain text, and HTML-safe highlighting.
 */

/** Words that say nothing about the topic; dropped from a query unless nothing else is left. */
const STOPWORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 么 嘛 我 你 您 他 她 它 我们 你们 他们 是 在 有 和 与 或 及 把 被 给 让 就 都 也 还 又 很 ' +
    '怎么 怎么样 怎样 如何 什么 为什么 为何 哪 哪里 哪儿 哪个 几 多少 多久 可以 可不可以 能 能不能 能否 会 要 想 请 请问 一下 ' +
    '这 那 这个 那个 这里 那里 啥 咋 没 没有 不 a an the is are was were be been am do does did to of and or ' +
    'for in on at by with my me i you your we our it its this that how what when where why which who can could ' +
    'will would should please want need get there here'
  ).split(/\s+/),
);

const HAN_WORD = /^\p{Script=Han}+$/u;

/**
 * Adds the character pairs of Chinese words of three or more characters: jieba's guesses for words outside
 * its dictionary ("微信付") then still meet the dictionary words they contain ("微信").
 */
function withBigrams(tokens: string[]): string[] {
  const out = new Set(tokens);
  for (const t of tokens) {
    const chars = Array.from(t);
    if (chars.length >= 3 && HAN_WORD.test(t))
      for (let i = 0; i + 2 <= chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return [...out];
}

/** Query tokens for OR matching: segmented like the index, stop words dropped (unless that empties it). */
export function queryTokens(q: string): string[] {
  const all = withBigrams(searchTokens(q.slice(0, 200))).filter((t) => t.length > 0);
  const kept = all.filter((t) => !STOPWORDS.has(t));
  // lone Chinese characters ("到", "改") match almost anything: keep them only if nothing longer is left
  const long = kept.filter((t) => !(t.length === 1 && HAN_WORD.test(t)));
  return (long.length ? long : kept.length ? kept : all).slice(0, 32);
}

/** A tsquery source matching any of the tokens (`'a' | 'b'`), or null when there is none. */
export function orTsQuery(tokens: string[]): string | null {
  if (tokens.length === 0) return null;
  return tokens.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/** A search query made ready for SQL: trimmed, its tokens, their OR tsquery source and a LIKE-safe pattern. */
export function prepareQuery(q: string) {
  const query = q.trim().slice(0, 200);
  const tokens = queryTokens(query);
  return { query, tokens, tsq: orTsQuery(tokens), like: escapeLike(query) };
}

/**
 * SQL that matches FAQ entries (alias `f`) to a prepared query, given the placeholders that hold its `tsq` and
 * `like` (e.g. `'$2'`, `'$3'`): any token shared with the index (questions, similar questions, tags, answers),
 * or the whole query as a substring of a question, a similar question or the answer (what segmentation splits
 * differently). `join` provides `qq.q`; `rank` is ts_rank over the weighted index (questions weigh most).
 */
export function faqMatchSql(tsq: string, like: string) {
  const questionLike = `(f.question ILIKE '%' || ${like} || '%' OR array_to_string(f.similar_questions, ' ') ILIKE '%' || ${like} || '%')`;
  const answerLike = `(f.answer->>'text' ILIKE '%' || ${like} || '%')`;
  return {
    join: `CROSS JOIN (SELECT CASE WHEN ${tsq}::text IS NULL THEN NULL ELSE to_tsquery('simple', ${tsq}) END AS q) qq`,
    where: `(f.search @@ qq.q OR ${questionLike} OR ${answerLike})`,
    rank: 'COALESCE(ts_rank(f.search, qq.q), 0)',
    questionLike,
    answerLike,
  };
}

/** The space-joined index tokens of some texts, for `to_tsvector('simple', …)`. */
export const indexText = (...parts: (string | null | undefined)[]) =>
  withBigrams(searchTokens(parts.filter(Boolean).join(' '))).join(' ');

/** Markdown reduced to its readable text (shared with the web app's list previews). */
export { plainText } from '@kefu/shared';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

const HAN = /\p{Script=Han}/u;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Terms to emphasise for a query: its tokens and the whole query. */
export function highlightTerms(q: string): string[] {
  const whole = q.trim().toLowerCase();
  return [...new Set([whole, ...queryTokens(q)].filter((t) => t.length > 0 && t.length <= 200))];
}

/**
 * A regex for the terms: Chinese terms match anywhere; English terms match at the start of a word and take
 * the rest of it ("refund" marks "refunds"), and one- or two-letter words only match whole.
 */
function termPattern(terms: string[]): RegExp | null {
  const parts = [...terms]
    .sort((a, b) => b.length - a.length)
    .map((t) => {
      if (HAN.test(t)) return escapeRe(t);
      const core = escapeRe(t);
      return t.length <= 2
        ? `(?<![\\p{L}\\p{N}])${core}(?![\\p{L}\\p{N}])`
        : `(?<![\\p{L}\\p{N}])${core}[\\p{L}\\p{N}]*`;
    });
  return parts.length ? new RegExp(parts.join('|'), 'giu') : null;
}

/** `text`, HTML-escaped, with every match of `terms` wrapped in <mark>. Safe to insert as HTML. */
export function highlightHtml(text: string, terms: string[]): string {
  const re = termPattern(terms);
  if (!re) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    out += escapeHtml(text.slice(last, m.index)) + '<mark>' + escapeHtml(m[0]) + '</mark>';
    last = m.index + m[0].length;
  }
  // adjacent matches ("到" + "账") read as one
  return (out + escapeHtml(text.slice(last))).replace(/<\/mark><mark>/g, '');
}

/** An excerpt of `text` around its first match (about `width` characters), escaped and highlighted. */
export function snippetHtml(text: string, terms: string[], width = 160): string {
  const re = termPattern(terms);
  const first = re ? (text.match(new RegExp(re.source, 'iu'))?.index ?? 0) : 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
  let end = Math.min(text.length, start + width);
  if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end++;
  const body = highlightHtml(text.slice(start, end), terms);
  return (start > 0 ? '…' : '') + body + (end < text.length ? '…' : '');
}
