/**
 * Anger and distress, for the bot's hand-off with raised priority: the rules of anger.ts (a weighted
 * zh/en lexicon plus typographic cues) combined with the sentiment model (sentiment.ts) trained on the
 * original seed corpus of distress-corpus.ts, lazily, once per process (0.1–0.3 s on 2 cores).
 *
 * The rules are precise on strong words but blind to context: 「投诉电话是多少」 and "our lawyer needs
 * the terms" hit 投诉 / "lawyer", while 「我的钱被盗了怎么办 急急急」 hits nothing. So:
 *  - a strong rule hit (score ≥ strongRule: a word like 骗子 / "scam" on its own, or two weaker ones)
 *    flags the message whatever the model says;
 *  - a weaker rule hit counts only when the model agrees at least a little (P(upset) ≥ confirm);
 *  - the model alone flags the message when it is sure (P(upset) ≥ model).
 * The thresholds come from cross-validation on the corpus (bench/distress.mjs): a false hand-off costs an
 * agent a minute, but flagging every mild message would defeat the bot, so they favour precision.
 */
import { detectAnger, type AngerResult } from './anger.js';
import { DISTRESS_CORPUS, type DistressExample } from './distress-corpus.js';
import { rng, shuffle } from './rng.js';
import { trainSentimentModel, type SentimentModel } from './sentiment.js';

export interface DistressThresholds {
  /** The model alone flags a message at P(upset) ≥ this. */
  model: number;
  /** A rule hit below `strongRule` counts only with P(upset) ≥ this. */
  confirm: number;
  /** A rule score ≥ this flags the message whatever the model says. */
  strongRule: number;
}

/**
 * `model` and `confirm` as selected by 5-fold cross-validation on the seed corpus, pooled over 3 shuffles
 * (bench/distress.mjs): the highest recall with out-of-fold precision ≥ 98 % and ≤ 0.5 % of calm messages
 * flagged. `strongRule` is the lexicon's own scale: one full-weight word (骗子, "scam") or two weaker ones.
 */
export const DISTRESS_THRESHOLDS: Readonly<DistressThresholds> = {
  model: 0.75,
  confirm: 0.3,
  strongRule: 0.75,
};

/** What the model's signal is called in `signals`. */
export const MODEL_SIGNAL = 'model';

export interface DistressResult {
  /** Angry or distressed enough to hand to a person with raised priority. */
  distressed: boolean;
  /** 0..1: the stronger of the signals that counted (the model's probability when none did). */
  score: number;
  /** The model's probability that the message is upset. */
  probability: number;
  /** Lexicon entries and cues ('!!!', 'CAPS') that counted, and 'model' when the model flagged it. */
  signals: string[];
  /** The rules' own verdict, before the model confirmed or dismissed it. */
  rules: AngerResult;
}

/** The combination of the rules and the model's probability (pure: the cross-validation uses it too). */
export function combineDistress(
  rules: AngerResult,
  probability: number,
  t: Readonly<DistressThresholds> = DISTRESS_THRESHOLDS,
): Omit<DistressResult, 'rules' | 'probability'> {
  const ruleCounts = rules.angry && (rules.score >= t.strongRule || probability >= t.confirm);
  const modelCounts = probability >= t.model;
  const signals = [...(ruleCounts ? rules.matches : []), ...(modelCounts ? [MODEL_SIGNAL] : [])];
  return {
    distressed: ruleCounts || modelCounts,
    score: Math.max(probability, ruleCounts ? rules.score : 0),
    signals,
  };
}

/** Trains the distress model (labels `upset` / `calm`) on the built-in corpus or on `examples`. */
export function trainDistressModel(examples: readonly DistressExample[] = DISTRESS_CORPUS): SentimentModel {
  return trainSentimentModel(examples.map(({ text, label }) => ({ text, label })));
}

let trained: { model: SentimentModel; trainMs: number } | null = null;

/** The process-wide model, trained on first use; `trainMs` is how long that took. */
export function distressModel(): { model: SentimentModel; trainMs: number } {
  if (!trained) {
    const t0 = performance.now();
    const model = trainDistressModel();
    trained = { model, trainMs: performance.now() - t0 };
  }
  return trained;
}

export function upsetProbability(model: SentimentModel, text: string): number {
  return model.predict(text).scores.upset ?? 0;
}

/** Is the customer angry or distressed? Rules plus the trained model; see the file comment. */
export function detectDistress(text: string, model?: SentimentModel): DistressResult {
  const rules = detectAnger(text);
  if (!text.trim()) return { distressed: false, score: 0, probability: 0, signals: [], rules };
  const probability = upsetProbability(model ?? distressModel().model, text);
  return { ...combineDistress(rules, probability), probability, rules };
}

export interface DistressFold extends DistressExample {
  /** P(upset) from the model trained on the other folds. */
  probability: number;
  rules: AngerResult;
}

/**
 * k-fold cross-validation on the corpus, stratified by label and language: every example scored by a
 * model that never saw it. For choosing and checking the thresholds (bench/distress.mjs).
 */
export function crossValidateDistress(
  k = 5,
  seed = 7,
  examples: readonly DistressExample[] = DISTRESS_CORPUS,
): DistressFold[] {
  const rand = rng(seed);
  const fold = new Map<DistressExample, number>();
  const strata = new Map<string, DistressExample[]>();
  for (const e of examples) {
    const key = `${e.label}/${e.lang}`;
    strata.set(key, [...(strata.get(key) ?? []), e]);
  }
  for (const rows of strata.values()) shuffle([...rows], rand).forEach((e, i) => fold.set(e, i % k));
  const out: DistressFold[] = [];
  for (let f = 0; f < k; f++) {
    const model = trainDistressModel(examples.filter((e) => fold.get(e) !== f));
    for (const e of examples.filter((x) => fold.get(x) === f))
      out.push({ ...e, probability: upsetProbability(model, e.text), rules: detectAnger(e.text) });
  }
  return out;
}

export interface DistressScores {
  precision: number;
  recall: number;
  f1: number;
  /** Share of calm messages flagged. */
  falsePositiveRate: number;
  n: number;
}

/** Precision/recall of the combined decision (class `upset` positive) over cross-validated examples. */
export function scoreDistress(
  folds: readonly DistressFold[],
  t: Readonly<DistressThresholds> = DISTRESS_THRESHOLDS,
): DistressScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let calm = 0;
  for (const e of folds) {
    const flagged = combineDistress(e.rules, e.probability, t).distressed;
    if (e.label === 'upset') {
      if (flagged) tp++;
      else fn++;
    } else {
      calm++;
      if (flagged) fp++;
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    falsePositiveRate: calm ? fp / calm : 0,
    n: folds.length,
  };
}
