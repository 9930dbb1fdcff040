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
const WORD_CHAR = /[\p{L}\p{N}]/u;

export class Synonyms {
  private readonly canonical = new Map<string, string>();
  /** Lengths (in UTF-16 units) of the words to replace, longest first. */
  private readonly lengths: number[];

  constructor(readonly groups: SynonymGroups) {
    for (const group of groups) {
      const words = group.map(normalize).filter(Boolean);
      // the first word of a group names it; a word listed in two groups keeps its first
      for (const w of words.slice(1))
        if (!this.canonical.has(w) && w !== words[0]) this.canonical.set(w, words[0]);
    }
    this.lengths = [...new Set([...this.canonical.keys()].map((w) => w.length))].sort((a, b) => b - a);
  }

  get size() {
    return this.groups.length;
  }

  /** The text with every synonym replaced by its group's first word (normalised; as given without synonyms). */
  rewrite(text: string): string {
    if (this.canonical.size === 0) return text;
    const t = normalize(text);
    // one pass, longest word first at each position: a lookup per (position, word length), however many words
    let out = '';
    let i = 0;
    scan: while (i < t.length) {
      for (const n of this.lengths) {
        if (i + n > t.length) continue;
        const word = t.slice(i, i + n);
        const to = this.canonical.get(word);
        if (to === undefined) continue;
        // a Latin word stands alone ("card" not inside "cardboard"), or with a plural ending ("cards"); Chinese counts inside longer text
        if (LATIN.test(word[0]) && i > 0 && WORD_CHAR.test(t[i - 1])) continue;
        let plural = '';
        if (LATIN.test(word[n - 1])) {
          const end = (e: string) => !WORD_CHAR.test(t[i + n + e.length] ?? '');
          const ending = ['es', 's', ''].find((e) => t.startsWith(e, i + n) && end(e));
          if (ending === undefined) continue;
          plural = ending;
        }
        // the group's word in the plural as the stemmer reads it ("boxs" and "box" both stem to "box")
        out += plural ? to + 's' : to;
        i += n + plural.length;
        continue scan;
      }
      out += t[i];
      i++;
    }
    return out;
  }
}
