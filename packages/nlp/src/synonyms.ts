/**
 * A company's synonyms (同义词): groups of words its customers use for one thing (「发货」, 「寄出」, 「发出」;
 * "parcel", "package"). Before the FAQ matcher reads a text, every word of a group is rewritten to the
 * group's first word, so a question written with one and a message written with another meet. Chinese has
 * no spaces, so Chinese words are replaced wherever they occur (longest first); words with Latin letters or
 * digits only where they stand alone ("card" not inside "cardboard").
 */
import { normalize } from './text.js';

export type SynonymGroups = string[][];

const LATIN = /[a-z0-9]/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Synonyms {
  private readonly canonical = new Map<string, string>();
  private readonly pattern: RegExp | null;

  constructor(readonly groups: SynonymGroups) {
    for (const group of groups) {
      const words = group.map(normalize).filter(Boolean);
      // the first word of a group names it; a word listed in two groups keeps its first
      for (const w of words.slice(1))
        if (!this.canonical.has(w) && w !== words[0]) this.canonical.set(w, words[0]);
    }
    const variants = [...this.canonical.keys()].sort((a, b) => b.length - a.length);
    this.pattern = variants.length
      ? new RegExp(
          variants
            .map((w) => {
              const e = escape(w);
              // a Latin word stands alone; Chinese is matched inside the text
              const head = LATIN.test(w[0]) ? '(?<![\\p{L}\\p{N}])' : '';
              const tail = LATIN.test(w[w.length - 1]) ? '(?![\\p{L}\\p{N}])' : '';
              return head + e + tail;
            })
            .join('|'),
          'gu',
        )
      : null;
  }

  get size() {
    return this.groups.length;
  }

  /** The text with every synonym replaced by its group's first word (normalised; as given without synonyms). */
  rewrite(text: string): string {
    if (!this.pattern) return text;
    return normalize(text).replace(this.pattern, (w) => this.canonical.get(w) ?? w);
  }
}
