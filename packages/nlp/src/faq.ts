import { loadIntentModel, trainIntentModel, type IntentModel } from './intent.js';
import { Synonyms, type SynonymGroups } from './synonyms.js';
import { isHan, normalize, tokenize } from './text.js';

/** One FAQ entry as the bot knows it: its id and every way of asking it (standard question first). */
export interface FaqEntry {
  id: string;
  questions: string[];
}

export interface FaqCandidate {
  id: string;
  /** The entry's question closest to the message (what "did you mean…" shows). */
  question: string;
  /** Combined score 0..1. */
  score: number;
  lexical: number;
  model: number;
}

export interface FaqDecision {
  action: 'answer' | 'suggest' | 'fallback';
  /** Best first; at most five. */
  candidates: FaqCandidate[];
}

export interface FaqMatcherOptions {
  /** Combined score at or above which the best entry is answered outright. */
  answerAt?: number;
  /** …and by how much it must lead the runner-up (ratio runner-up / best at most this). */
  leadRatio?: number;
  /** Combined score at or above which entries are offered as "did you mean". */
  suggestAt?: number;
}

const DEFAULTS: Required<FaqMatcherOptions> = { answerAt: 0.5, leadRatio: 0.8, suggestAt: 0.25 };

/**
 * How readily the bot answers outright instead of asking "did you mean". Measured on public data
 * (`node bench/faq-match.mjs`): `eager` answers 1.3–1.8× as many messages as `balanced` at 1–6 points
 * lower precision and 2–8× as many off-topic ones; `cautious` 35–65 % as many at up to 4 points higher.
 */
export type AnswerMode = 'cautious' | 'balanced' | 'eager';
export const ANSWER_MODES: Record<AnswerMode, FaqMatcherOptions> = {
  cautious: { answerAt: 0.6 },
  balanced: {},
  eager: { answerAt: 0.4 },
};

// Question and function words: in a small FAQ base they are rare enough to look informative, yet two
// questions sharing "怎么" or "how do I" are no more alike for it. Tokens arrive stemmed ("does" → "doe").
const STOP = new Set(
  (
    '的 了 吗 呢 啊 吧 呀 哦 嗯 么 我 你 您 他 她 它 我们 你们 是 在 有 和 与 就 都 也 还 很 请 请问 你好 您好 一下 ' +
    '怎么 怎么样 怎样 什么 如何 为什么 哪 哪些 哪里 哪儿 吗 能 能否 可以 可不可以 要 想 需要 会 该 这 那 这个 那个 ' +
    'a an the i me my you your we our it is are was be do does did can could would should will to of in on for ' +
    'with and or how what when where why which who there this that please hi hello doe'
  ).split(' '),
);

// More question words. They still count for similarity (「啥时候寄」 is rightly close to 「什么时候发货」), but
// a message made of nothing else (「什么时候」, 「多久」) does not say what it is about.
const QUESTION_ONLY = new Set(
  '什么时候 啥时候 时候 何时 几时 多久 多少 怎么办 咋办 咋 啥 为啥 怎么回事 long much many'.split(' '),
);

const isWord = (t: string) => Boolean(t.trim()) && !STOP.has(t) && !/^[\p{P}\p{S}]+$/u.test(t);

/** Whether a message names something beyond question and function words. */
function saysWhat(text: string): boolean {
  return tokenize(text).some((t) => isWord(t) && !QUESTION_ONLY.has(t));
}

/**
 * Words plus Chinese character bigrams and single characters: bigrams catch paraphrases that jieba segments
 * differently, single characters the abbreviations that share no bigram (「开票」 and 「开发票」 share only 票
 * and 开). Characters are marked ('#票') so that they do not add to a one-character word of the same text.
 */
function terms(text: string): string[] {
  const out = tokenize(text).filter(isWord);
  const chars = [...normalize(text)].filter(isHan);
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i] + chars[i + 1];
    if (!STOP.has(pair) && !(STOP.has(chars[i]) && STOP.has(chars[i + 1]))) out.push(pair);
  }
  for (const c of chars) if (!STOP.has(c)) out.push('#' + c);
  return out;
}

// Verbs that go with any topic ("how long does X take", "can I get X"): no help in telling topics apart.
const GENERIC = new Set('take get got have has had make go know want need like 做 弄 搞 办'.split(' '));

/**
 * What a text is about: its content words (no function or question words) and the Chinese character
 * bigrams inside and between adjacent ones. 「钱什么时候退回来」 and 「什么时候上班」 share nothing here.
 */
export function topicTerms(text: string): string[] {
  const out: string[] = [];
  let previous = '';
  for (const token of tokenize(text)) {
    if (!isWord(token) || QUESTION_ONLY.has(token) || GENERIC.has(token)) {
      previous = '';
      continue;
    }
    out.push(token);
    const chars = [...(previous.slice(-1) + token)].filter(isHan);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    previous = token;
  }
  return out;
}

type Vector = Map<string, number>;

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w) dot += v * w;
  }
  return dot;
}

/**
 * Matches customer messages to a knowledge base's FAQ entries. Two views, combined: the intent classifier
 * trained on the entries' questions (generalises across wording, knows "none of mine" once there is enough
 * data), and TF-IDF similarity to the nearest question (reliable from the very first entry, when the
 * classifier has too few examples to be calibrated). Trained in milliseconds for a typical FAQ base.
 */
interface SerializedMatcher {
  kind: 'kefu-faq-matcher';
  version: 1;
  entries: FaqEntry[];
  options: FaqMatcherOptions;
  model: string | null;
  /** The company's synonym groups (absent in matchers saved before they existed). */
  synonyms?: SynonymGroups;
}

/** One lexical document per question (synonyms rewritten), id `<entry index>:<question index>`. */
function lexicalIndex(entries: FaqEntry[], synonyms: Synonyms): TfIdfIndex {
  return new TfIdfIndex(
    entries.flatMap((e, entry) =>
      e.questions.map((text, i) => ({ id: `${entry}:${i}`, text: synonyms.rewrite(text) })),
    ),
  );
}

export class FaqMatcher {
  private constructor(
    private readonly entries: FaqEntry[],
    /** One document per question, id `<entry index>:<question index>`. */
    private readonly lexical: TfIdfIndex,
    private readonly model: IntentModel | null,
    private readonly options: Required<FaqMatcherOptions>,
    private readonly synonyms: Synonyms,
  ) {}

  /** `synonyms`: the company's groups of words meaning one thing (see `Synonyms`). */
  static train(
    entries: FaqEntry[],
    options: FaqMatcherOptions = {},
    synonyms: SynonymGroups = [],
  ): FaqMatcher {
    const usable = entries
      .map((e) => ({ id: e.id, questions: e.questions.map((q) => q.trim()).filter(Boolean) }))
      .filter((e) => e.questions.length > 0);
    const syn = new Synonyms(synonyms);
    // the classifier needs at least two entries to tell apart
    const model =
      usable.length >= 2
        ? trainIntentModel(
            usable.flatMap((e) => e.questions.map((text) => ({ text: syn.rewrite(text), label: e.id }))),
            // the defaults otherwise: the bot runs exactly the engine `kefu eval intents` measures
            usable.length >= 8 ? {} : { simulationRounds: 0 },
          )
        : null;
    return new FaqMatcher(usable, lexicalIndex(usable, syn), model, { ...DEFAULTS, ...options }, syn);
  }

  /**
   * The trained matcher as JSON (entries, options and the intent model; the lexical index is rebuilt on
   * load in milliseconds), so a matcher trained in a worker thread can be handed to the main one.
   */
  serialize(): string {
    const data: SerializedMatcher = {
      kind: 'kefu-faq-matcher',
      version: 1,
      entries: this.entries,
      options: this.options,
      model: this.model ? this.model.serialize() : null,
      synonyms: this.synonyms.groups,
    };
    return JSON.stringify(data);
  }

  static deserialize(json: string): FaqMatcher {
    const d = JSON.parse(json) as SerializedMatcher;
    if (d.kind !== 'kefu-faq-matcher' || d.version !== 1) throw new Error('not a Kefu FAQ matcher (v1)');
    const syn = new Synonyms(d.synonyms ?? []);
    const model = d.model ? loadIntentModel(d.model) : null;
    return new FaqMatcher(d.entries, lexicalIndex(d.entries, syn), model, { ...DEFAULTS, ...d.options }, syn);
  }

  get size() {
    return this.entries.length;
  }

  /** How the matcher reads a message through the company's synonyms, or null when none applies. */
  readAs(message: string): string | null {
    if (this.synonyms.size === 0) return null;
    const read = this.synonyms.rewrite(message);
    return read !== normalize(message) ? read : null;
  }

  /** `overrides`: thresholds for this call (e.g. an inbox's `ANSWER_MODES` entry) over the trained ones. */
  match(message: string, overrides?: FaqMatcherOptions): FaqDecision {
    if (this.entries.length === 0 || !message.trim()) return { action: 'fallback', candidates: [] };
    const text = this.synonyms.rewrite(message);
    // each entry scores as its closest question
    const lexical = new Map<number, { score: number; question: string }>();
    for (const [id, score] of this.lexical.scores(text)) {
      const [entry, i] = id.split(':').map(Number);
      const best = lexical.get(entry);
      if (!best || score > best.score)
        lexical.set(entry, { score, question: this.entries[entry].questions[i] });
    }
    const model = new Map<string, number>();
    let outOfScope = false;
    if (this.model) {
      const p = this.model.predict(text);
      outOfScope = p.outOfScope;
      for (const c of p.candidates) model.set(c.label, c.score);
    }
    // nothing in common with any question: the classifier's guess alone is not enough to answer
    const candidates = this.entries
      .map<FaqCandidate>((e, i) => {
        const lex = lexical.get(i) ?? { score: 0, question: e.questions[0] };
        const m = model.get(e.id) ?? 0;
        const score = this.model ? 0.6 * lex.score + 0.4 * m * Math.min(1, lex.score * 4) : lex.score;
        return { id: e.id, question: lex.question, score, lexical: lex.score, model: m };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    const [top, second] = candidates;
    const { answerAt, leadRatio, suggestAt } = { ...this.options, ...overrides };
    const clearLead = !second || second.score <= top.score * leadRatio;
    // a bare 「什么时候」 or "how long" says nothing about what: at most "did you mean"
    const specific = saysWhat(text);
    // an exact or near-exact question is answered even when the classifier is unsure
    const action =
      (top.score >= answerAt && clearLead && specific && !(outOfScope && top.lexical < 0.7)) ||
      top.lexical >= 0.9
        ? 'answer'
        : top.score >= suggestAt
          ? 'suggest'
          : 'fallback';
    return {
      action,
      candidates: action === 'suggest' ? candidates.filter((c) => c.score >= suggestAt * 0.8) : candidates,
    };
  }
}

/** TF-IDF cosine over words and Chinese bigrams and characters, for ranking passages (help articles, answers) by a query. */
export class TfIdfIndex {
  private readonly idf = new Map<string, number>();
  private readonly docs: { id: string; v: Vector }[];

  /** `termsOf`: how texts become terms (default: words and bigrams, question words included). */
  constructor(
    docs: { id: string; text: string }[],
    private readonly termsOf: (text: string) => string[] = terms,
  ) {
    const tokenized = docs.map((d) => ({ id: d.id, t: this.termsOf(d.text) }));
    const df = new Map<string, number>();
    for (const d of tokenized) for (const t of new Set(d.t)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + tokenized.length / n));
    this.docs = tokenized.map((d) => ({ id: d.id, v: this.vectorize(d.t) }));
  }

  private vectorize(t: string[]): Vector {
    const v: Vector = new Map();
    for (const term of t) {
      const w = this.idf.get(term);
      if (w) v.set(term, (v.get(term) ?? 0) + w);
    }
    let norm = 0;
    for (const x of v.values()) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (const [k, x] of v) v.set(k, x / norm);
    return v;
  }

  /** Cosine similarity (0..1) of the query to every document, by id. */
  scores(query: string): Map<string, number> {
    const q = this.vectorize(this.termsOf(query));
    return new Map(this.docs.map((d) => [d.id, cosine(q, d.v)]));
  }
}

/**
 * Splits a message that asks several things ("运费多少？另外怎么开发票") into its questions.
 * Single questions come back as one part.
 */
export function splitQuestions(text: string): string[] {
  const parts = text
    .split(
      /[？?！!。；;\n]+|(?:，|,)?\s*(?:另外|还有|顺便问一下|顺便问下|顺便问|以及|再问一下|and also|also,)\s*/i,
    )
    .map((p) => p.replace(/^[\s，,、]+|[\s，,、]+$/g, ''))
    .filter((p) => [...p].length >= 2);
  return parts.length ? parts : [text.trim()];
}
