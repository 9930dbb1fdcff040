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

/** A group word found in a text: where, which, and the plural ending taken with it ("cards"). */
interface Occurrence {
  at: number;
  word: string;
  plural: string;
}

export class Synonyms {
  /** Each word to its group's words, the first naming the group; a word listed in two groups keeps its first. */
  private readonly groupOf = new Map<string, string[]>();
  /** Lengths (in UTF-16 units) of the words, longest first. */
  private readonly lengths: number[];

  constructor(readonly groups: SynonymGroups) {
    for (const group of groups) {
      const words = [...new Set(group.map(normalize).filter(Boolean))];
      if (words.length < 2) continue;
      for (const w of words) if (!this.groupOf.has(w)) this.groupOf.set(w, words);
    }
    this.lengths = [...new Set([...this.groupOf.keys()].map((w) => w.length))].sort((a, b) => b - a);
  }

  get size() {
    return this.groups.length;
  }

  /** The text with every synonym replaced by its group's first word (normalised; as given without synonyms). */
  rewrite(text: string): string {
    if (this.groupOf.size === 0) return text;
    const t = normalize(text);
    let out = '';
    let last = 0;
    for (const o of this.find(t, (w) => this.groupOf.get(w)![0] !== w)) {
      // the group's word in the plural as the stemmer reads it ("boxs" and "box" both stem to "box")
      const to = this.groupOf.get(o.word)![0];
      out += t.slice(last, o.at) + (o.plural ? to + 's' : to);
      last = o.at + o.word.length + o.plural.length;
    }
    return out + t.slice(last);
  }

  /**
   * The text (normalised), then as it would read with each group word in it swapped for each other word of its
   * group (「啥时候寄出」 → 「啥时候发货」, 「啥时候发出」): for searching an index that was not rewritten. At most `max`.
   */
  readings(text: string, max: number): string[] {
    const t = normalize(text);
    const out = [t];
    for (const o of this.find(t, () => true)) {
      const end = o.at + o.word.length + o.plural.length;
      for (const other of this.groupOf.get(o.word)!)
        if (other !== o.word && out.length < max)
          out.push(t.slice(0, o.at) + (o.plural ? other + 's' : other) + t.slice(end));
    }
    return [...new Set(out)];
  }

  /**
   * The group words in normalised text, left to right, the longest first at each position: a lookup per
   * (position, word length), however many words. A Latin word stands alone ("card" not inside "cardboard"),
   * or with a plural ending ("cards"); Chinese counts inside longer text.
   */
  private *find(t: string, wanted: (word: string) => boolean): Generator<Occurrence> {
    let i = 0;
    scan: while (i < t.length) {
      for (const n of this.lengths) {
        if (i + n > t.length) continue;
        const word = t.slice(i, i + n);
        if (!this.groupOf.has(word) || !wanted(word)) continue;
        if (LATIN.test(word[0]) && i > 0 && WORD_CHAR.test(t[i - 1])) continue;
        let plural = '';
        if (LATIN.test(word[n - 1])) {
          const end = (e: string) => !WORD_CHAR.test(t[i + n + e.length] ?? '');
          const ending = ['es', 's', ''].find((e) => t.startsWith(e, i + n) && end(e));
          if (ending === undefined) continue;
          plural = ending;
        }
        yield { at: i, word, plural };
        i += n + plural.length;
        continue scan;
      }
      i++;
    }
  }
}
