/**
 * Text normalisation, segmentation and tokenisation for mixed Chinese/English customer messages.
 * Chinese runs go through jieba (dictionary loaded lazily, once per process); Latin runs are split
 * on word characters and lightly stemmed so "refunds"/"refunded"/"refund" share a feature.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
function getJieba(): Jieba {
  // Loading the dictionary takes ~100 ms, so do it on first use rather than at import time.
  if (!jieba) jieba = Jieba.withDict(dict);
  return jieba;
}

/** NFKC folds full-width forms (ＡＢＣ１２３，！) to ASCII; then lower-case and collapse whitespace. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;
export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/**
 * Split normalised text into runs: Han runs, Latin/digit word runs and single punctuation marks
 * (punctuation such as "!" or "?" carries signal for sentiment and question intents).
 */
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:'[a-z]+)?)|([^\s\p{L}\p{N}])/gu;

/** Light English stemmer: strips the common inflections only, which is what matters for short queries. */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith("'s")) word = word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith('ly') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is'))
    return word.slice(0, -1);
  return word;
}
function undouble(w: string): string {
  // "stopped" -> "stopp" -> "stop"; keep "ll"/"ss" ("called" -> "call").
  const n = w.length;
  if (n > 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1])) return w.slice(0, -1);
  return w;
}

export interface Token {
  text: string;
  kind: 'han' | 'word' | 'punct';
}

/** Segment already-normalised text into typed tokens. */
export function segmentNormalized(norm: string): Token[] {
  const out: Token[] = [];
  for (const m of norm.matchAll(RUN)) {
    if (m[1]) {
      for (const w of getJieba().cut(m[1], true)) if (w.trim()) out.push({ text: w, kind: 'han' });
    } else if (m[2]) {
      out.push({ text: m[2], kind: 'word' });
    } else if (m[3]) {
      out.push({ text: m[3], kind: 'punct' });
    }
  }
  return out;
}

/** Words of a text (Chinese segmented by jieba, English words as written, no punctuation). */
export function segment(text: string): string[] {
  return segmentNormalized(normalize(text))
    .filter((t) => t.kind !== 'punct')
    .map((t) => t.text);
}

/** Feature tokens: normalised, stemmed English words, jieba words, and the punctuation marks. */
export function tokenize(text: string): string[] {
  return segmentNormalized(normalize(text)).map((t) => (t.kind === 'word' ? stem(t.text) : t.text));
}

/**
 * Tokens for full-text indexing (fed to Postgres `to_tsvector('simple', ...)`): jieba search-mode
 * words (so both "信用卡" and "信用" match), lower-cased English words plus their stems, deduplicated.
 */
export function searchTokens(text: string): string[] {
  const seen = new Set<string>();
  const norm = normalize(text);
  for (const m of norm.matchAll(RUN)) {
    if (m[1]) {
      for (const w of getJieba().cutForSearch(m[1], true)) if (w.trim()) seen.add(w);
    } else if (m[2]) {
      seen.add(m[2]);
      const s = stem(m[2]);
      if (s !== m[2]) seen.add(s);
    }
  }
  return [...seen];
}
