// A small Markdown renderer for previews. It builds React elements only: text is always text (React escapes
// it), raw HTML stays visible as typed, and links/images are kept only for http(s) and site-relative addresses.
// The help center renders the real page on the server (markdown-it); this is close enough to write with.
import { Anchor, Blockquote, Code, Divider, List, Paper, Table, Text, Title } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const SAFE_URL = /^(https?:\/\/|\/(?!\/)|mailto:)/i;
const VIDEO = /\.(mp4|webm)(\?|#|$)/i;

export function safeUrl(url: string): string | null {
  const u = url.trim();
  return SAFE_URL.test(u) ? u : null;
}

const INLINE =
  /(`[^`\n]+`)|(!\[[^\]\n]*\]\([^)\s]+(?:\s+"[^"\n]*")?\))|(\[[^\]\n]+\]\([^)\s]+(?:\s+"[^"\n]*")?\))|(\*\*[^*\n]+\*\*|__[^_\n]+__)|(\*[^*\s][^*\n]*\*|(?<![\w])_[^_\s][^_\n]*_(?![\w]))|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"。，！？）])/g;
const LINK_PARTS = /^!?\[([^\]]*)\]\(([^)\s]+)/;

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(INLINE)) {
    const start = m.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    last = start + m[0].length;
    const k = `${key}-${i++}`;
    if (m[1]) {
      out.push(<Code key={k}>{m[1].slice(1, -1)}</Code>);
    } else if (m[2] || m[3]) {
      const [, label, rawUrl] = LINK_PARTS.exec(m[0]) ?? [];
      const url = safeUrl(rawUrl ?? '');
      if (!url) {
        out.push(m[2] ? label : inline(label ?? '', k));
      } else if (m[2] && VIDEO.test(url)) {
        out.push(<video key={k} src={url} controls style={{ maxWidth: '100%' }} />);
      } else if (m[2]) {
        out.push(<img key={k} src={url} alt={label} style={{ maxWidth: '100%' }} />);
      } else {
        out.push(
          <Anchor key={k} href={url} target="_blank" rel="noopener noreferrer nofollow" inherit>
            {inline(label ?? '', k)}
          </Anchor>,
        );
      }
    } else if (m[4]) {
      out.push(<strong key={k}>{inline(m[4].slice(2, -2), k)}</strong>);
    } else if (m[5]) {
      out.push(<em key={k}>{inline(m[5].slice(1, -1), k)}</em>);
    } else if (m[6]) {
      out.push(
        <Anchor key={k} href={m[6]} target="_blank" rel="noopener noreferrer nofollow" inherit>
          {m[6]}
        </Anchor>,
      );
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** One paragraph's inline Markdown (links, images, bold, code) as elements: what a bot answer may use. */
export function InlineMarkdown({ text }: { text: string }) {
  return <>{inline(text, 'i')}</>;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const UL = /^\s*[-*+]\s+(.*)$/;
const OL = /^\s*\d+[.)]\s+(.*)$/;
const HR = /^\s*([-*_])(\s*\1){2,}\s*$/;
const FENCE = /^\s*(```|~~~)/;
const TABLE_SEP = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

function blocks(src: string): ReactNode[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const out: ReactNode[] = [];
  let i = 0;
  const key = () => `b${out.length}`;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const fence = FENCE.exec(line)![1];
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence)) body.push(lines[i++]);
      i++;
      out.push(
        <Code block key={key()} my="xs">
          {body.join('\n')}
        </Code>,
      );
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      const order = Math.min(h[1].length, 6) as 1 | 2 | 3 | 4 | 5 | 6;
      out.push(
        <Title key={key()} order={order} size={`h${Math.min(order + 2, 6)}`} mt="sm" mb={4}>
          {inline(h[2], key())}
        </Title>,
      );
      i++;
      continue;
    }
    if (HR.test(line)) {
      out.push(<Divider key={key()} my="sm" />);
      i++;
      continue;
    }
    if (line.trim().startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && lines[i].trim().startsWith('>'))
        body.push(lines[i++].trim().replace(/^>\s?/, ''));
      out.push(
        <Blockquote key={key()} my="xs" p="xs">
          {blocks(body.join('\n'))}
        </Blockquote>,
      );
      continue;
    }
    if (UL.test(line) || OL.test(line)) {
      const ordered = OL.test(line) && !UL.test(line);
      const re = ordered ? OL : UL;
      const items: string[] = [];
      while (i < lines.length && re.test(lines[i])) items.push(re.exec(lines[i++])![1]);
      const k = key();
      out.push(
        <List key={k} type={ordered ? 'ordered' : 'unordered'} size="sm" my="xs" withPadding>
          {items.map((it, j) => (
            <List.Item key={j}>{inline(it, `${k}-${j}`)}</List.Item>
          ))}
        </List>,
      );
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1])) {
      const head = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i].includes('|') && lines[i].trim()) rows.push(cells(lines[i++]));
      const k = key();
      out.push(
        <Table key={k} withTableBorder withColumnBorders my="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              {head.map((c, j) => (
                <Table.Th key={j}>{inline(c, `${k}-h${j}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, ri) => (
              <Table.Tr key={ri}>
                {head.map((_, j) => (
                  <Table.Td key={j}>{inline(r[j] ?? '', `${k}-${ri}-${j}`)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>,
      );
      continue;
    }
    // paragraph: until a blank line or the start of another block
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i].trim() &&
      !HEADING.test(lines[i]) &&
      !FENCE.test(lines[i]) &&
      !UL.test(lines[i]) &&
      !OL.test(lines[i]) &&
      !lines[i].trim().startsWith('>')
    )
      para.push(lines[i++]);
    const k = key();
    out.push(
      <Text key={k} size="sm" my={6} style={{ wordBreak: 'break-word' }}>
        {para.flatMap((p, j) =>
          j > 0 ? [<br key={`${k}-br${j}`} />, ...inline(p, `${k}-${j}`)] : inline(p, k),
        )}
      </Text>,
    );
  }
  return out;
}

/** Markdown as React elements (never as injected HTML). */
export function Markdown({ source }: { source: string }) {
  return <div data-testid="markdown-preview">{blocks(source)}</div>;
}

/** A bordered preview of Markdown, or a dimmed note while there is nothing to show. */
export function MarkdownPreview({
  source,
  mih,
  style,
}: {
  source: string;
  mih: number;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" mih={mih} style={style}>
      {source.trim() ? (
        <Markdown source={source} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('kb.nothingToPreview')}
        </Text>
      )}
    </Paper>
  );
}
