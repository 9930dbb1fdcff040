/**
 * Offline evaluation of the engine on labelled data (pure: the caller reads the files).
 *
 * Conventions:
 *  - Training rows labelled `oos` are dropped (out-of-scope is learnt from the in-scope intents).
 *  - Test rows labelled `oos` must be predicted as out of scope.
 *  - When the test set has no `oos` row, the task is plain classification: accuracy and macro-F1
 *    use the top label (argmax) so the rejection threshold does not count against accuracy, and
 *    the oos metrics are null.
 */
import {
  trainIntentModel,
  trainIntentModelAsync,
  OOS_LABEL,
  type IntentExample,
  type IntentModel,
  type IntentTrainOptions,
  type TrainingJob,
  type TrainingJobResult,
} from './intent.js';
import { trainSentimentModel, type SentimentTrainOptions } from './sentiment.js';

export interface IntentEvaluation {
  inScopeAccuracy: number;
  oosRecall: number | null;
  oosPrecision: number | null;
  macroF1: number;
  trainMs: number;
  p50Ms: number;
  p95Ms: number;
  n: number;
}

export interface SentimentEvaluation {
  accuracy: number;
  macroF1: number;
  trainMs: number;
  p50Ms: number;
  p95Ms: number;
  n: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/** Macro-averaged F1 over every label appearing in the gold or predicted labels. */
export function macroF1(gold: string[], pred: string[]): number {
  const labels = new Set([...gold, ...pred]);
  let sum = 0;
  for (const l of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === l && gold[i] === l) tp++;
      else if (pred[i] === l) fp++;
      else if (gold[i] === l) fn++;
    }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return labels.size ? sum / labels.size : 0;
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

export function evaluateIntents(
  train: IntentExample[],
  test: IntentExample[],
  options?: IntentTrainOptions,
): IntentEvaluation {
  const [model, trainMs] = timed(() => trainIntentModel(train, options));
  return scoreIntents(model, trainMs, test);
}

/** `evaluateIntents` with part of the training run by `run` (another thread): same model, less wall time. */
export async function evaluateIntentsAsync(
  train: IntentExample[],
  test: IntentExample[],
  run: (job: TrainingJob) => Promise<TrainingJobResult>,
  options: IntentTrainOptions = {},
): Promise<IntentEvaluation> {
  const t0 = performance.now();
  const model = await trainIntentModelAsync(train, options, run);
  return scoreIntents(model, performance.now() - t0, test);
}

function scoreIntents(model: IntentModel, trainMs: number, test: IntentExample[]): IntentEvaluation {
  const hasOos = test.some((e) => e.label === OOS_LABEL);
  const times: number[] = [];
  const pred: string[] = [];
  for (const e of test) {
    const [p, ms] = timed(() => model.predict(e.text));
    times.push(ms);
    pred.push(hasOos ? (p.outOfScope ? OOS_LABEL : p.label!) : (p.topLabel ?? OOS_LABEL));
  }
  const gold = test.map((e) => e.label);
  let inN = 0;
  let inOk = 0;
  let oosN = 0;
  let oosHit = 0;
  let oosPred = 0;
  for (let i = 0; i < gold.length; i++) {
    if (gold[i] === OOS_LABEL) {
      oosN++;
      if (pred[i] === OOS_LABEL) oosHit++;
    } else {
      inN++;
      if (pred[i] === gold[i]) inOk++;
    }
    if (pred[i] === OOS_LABEL) oosPred++;
  }
  return {
    inScopeAccuracy: inN ? inOk / inN : 0,
    oosRecall: hasOos ? oosHit / oosN : null,
    oosPrecision: hasOos ? (oosPred ? oosHit / oosPred : 0) : null,
    macroF1: macroF1(gold, pred),
    trainMs: Math.round(trainMs),
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    n: test.length,
  };
}

export function evaluateSentiment(
  train: IntentExample[],
  test: IntentExample[],
  options?: SentimentTrainOptions,
): SentimentEvaluation {
  const [model, trainMs] = timed(() => trainSentimentModel(train, options));
  const times: number[] = [];
  const pred: string[] = [];
  for (const e of test) {
    const [p, ms] = timed(() => model.predict(e.text));
    times.push(ms);
    pred.push(p.label);
  }
  const gold = test.map((e) => e.label);
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) ok++;
  return {
    accuracy: gold.length ? ok / gold.length : 0,
    macroF1: macroF1(gold, pred),
    trainMs: Math.round(trainMs),
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    n: test.length,
  };
}
