/**
 * Sentiment: the same tf-idf views as intents (word 1–2-grams + char n-grams) and a one-vs-rest
 * linear SVM, with stronger regularisation (C = 0.5) because sentiment labels are noisier than
 * intent labels. NB-SVM weighting (Wang & Manning 2012: features scaled per class by their
 * log-count ratio) is available as an option; on held-out splits of training data it did not beat
 * plain tf-idf with these features, so it is off by default.
 */
import { Vectorizer, type Csr, type FeatureOptions, type VectorizerState } from './features.js';
import { compactLinear, trainOvr, scores, type CompactLinear, type SvmOptions } from './linear.js';
import { decodeQuantized, encodeQuantized, f32ToBase64, base64ToF32 } from './codec.js';

export interface SentimentExample {
  text: string;
  label: string;
}

export interface SentimentPrediction {
  label: string;
  confidence: number;
  /** Softmax over classes, keyed by label. */
  scores: Record<string, number>;
}

export interface SentimentTrainOptions {
  features?: Partial<FeatureOptions>;
  svm?: Partial<SvmOptions>;
  /** Use NB log-count-ratio scaling (default false: it did not help on held-out splits of training data). */
  nb?: boolean;
  seed?: number;
}

interface Serialized {
  kind: 'kefu-sentiment-model';
  version: 1;
  labels: string[];
  vectorizer: VectorizerState;
  W: { scales: string; q: string };
  b: string;
}

export class SentimentModel {
  constructor(
    readonly labels: string[],
    private readonly vectorizer: Vectorizer,
    private readonly linear: CompactLinear,
  ) {}

  predict(text: string): SentimentPrediction {
    const s = scores(this.linear, this.vectorizer.transform(text));
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
    // Squared-hinge SVM scores live roughly in [-1.5, 1.5]; a temperature of 3 gives usable probabilities.
    let z = 0;
    const e = Array.from(s, (v) => Math.exp(3 * (v - s[best])));
    for (const v of e) z += v;
    const out: Record<string, number> = {};
    this.labels.forEach((l, i) => (out[l] = e[i] / z));
    return { label: this.labels[best], confidence: e[best] / z, scores: out };
  }

  serialize(): string {
    const d: Serialized = {
      kind: 'kefu-sentiment-model',
      version: 1,
      labels: this.labels,
      vectorizer: this.vectorizer.toJSON(),
      W: encodeQuantized(this.linear.weights),
      b: f32ToBase64(this.linear.b),
    };
    return JSON.stringify(d);
  }

  static deserialize(json: string): SentimentModel {
    const d = JSON.parse(json) as Serialized;
    if (d.kind !== 'kefu-sentiment-model' || d.version !== 1)
      throw new Error('not a Kefu sentiment model (v1)');
    const vec = Vectorizer.fromJSON(d.vectorizer);
    const nc = d.labels.length;
    return new SentimentModel(d.labels, vec, {
      nc,
      dim: vec.dim,
      weights: decodeQuantized(d.W),
      b: base64ToF32(d.b),
    });
  }
}

export function loadSentimentModel(json: string): SentimentModel {
  return SentimentModel.deserialize(json);
}

/** Per-class log-count ratios r_c = log( p_c/|p_c| ÷ q_c/|q_c| ) with add-α smoothing. */
function nbRatios(X: Csr, y: Int32Array, c: number, alpha = 1): Float32Array {
  const p = new Float64Array(X.dim).fill(alpha);
  const q = new Float64Array(X.dim).fill(alpha);
  for (let i = 0; i < X.n; i++) {
    const t = y[i] === c ? p : q;
    for (let k = X.ptr[i]; k < X.ptr[i + 1]; k++) t[X.idx[k]] += X.val[k] > 0 ? 1 : 0;
  }
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < X.dim; j++) {
    sp += p[j];
    sq += q[j];
  }
  const r = new Float32Array(X.dim);
  // Keep scale near 1 on average so the SVM's C means the same thing as without NB weighting.
  for (let j = 0; j < X.dim; j++) r[j] = Math.abs(Math.log(p[j] / sp / (q[j] / sq)));
  let mean = 0;
  for (let j = 0; j < X.dim; j++) mean += r[j];
  mean /= X.dim || 1;
  for (let j = 0; j < X.dim; j++) r[j] = r[j] / (mean || 1);
  return r;
}

export function trainSentimentModel(
  examples: SentimentExample[],
  options: SentimentTrainOptions = {},
): SentimentModel {
  const rows = examples.filter((e) => e.text.trim() && e.label);
  const labels = [...new Set(rows.map((e) => e.label))].sort();
  if (labels.length < 2) throw new Error('sentiment training needs at least two labels');
  const li = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(rows, (e) => li.get(e.label)!);
  const { vectorizer, X } = Vectorizer.fit(
    rows.map((e) => e.text),
    options.features,
  );
  const useNb = options.nb ?? false;
  const cache = new Map<number, Float32Array>();
  const linear = trainOvr(X, y, labels.length, {
    C: 0.5,
    ...options.svm,
    seed: options.seed ?? 1,
    scale: useNb
      ? (c) => {
          if (!cache.has(c)) cache.set(c, nbRatios(X, y, c));
          return cache.get(c)!;
        }
      : undefined,
  });
  return new SentimentModel(labels, vectorizer, compactLinear(linear));
}
