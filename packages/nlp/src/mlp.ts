/**
 * A one-hidden-layer neural network over the same sparse tf-idf vectors as the SVM:
 * h = relu(W1ᵀx + b1) with dropout while training, softmax(W2ᵀh + b2), cross-entropy, plain SGD
 * with a linearly decaying step. Only the rows of W1 for a message's active features are touched,
 * so an update costs (active features × hidden units). Its errors differ from the linear SVM's
 * (shared low-rank hidden features, a multinomial loss), which is what makes the two worth
 * combining; on held-out parts of the training files the pair beat either alone.
 */
import type { Csr, SparseVec } from './features.js';
import { rng } from './rng.js';
import {
  decodeQuantized,
  encodeQuantized,
  quantize,
  f32ToBase64,
  base64ToF32,
  type QuantizedRows,
} from './codec.js';

export interface MlpOptions {
  hidden: number;
  /** SGD updates to aim for (epochs = updates / examples, clamped to [minEpochs, maxEpochs]). */
  updates: number;
  /**
   * Cap on updates × active features per message, so long texts (hundreds of n-grams each) do not
   * multiply training time: 80,000 updates of short queries (~200 active features) fit in it.
   */
  work: number;
  minEpochs: number;
  maxEpochs: number;
  learningRate: number;
  dropout: number;
  seed: number;
}

export const DEFAULT_MLP: MlpOptions = {
  hidden: 128,
  updates: 80_000,
  work: 16_000_000,
  minEpochs: 3,
  maxEpochs: 30,
  learningRate: 0.2,
  dropout: 0.3,
  seed: 7,
};

export interface MlpModel {
  dim: number;
  hidden: number;
  nc: number;
  /** Feature-major: W1[j*hidden + k]. */
  W1: Float32Array;
  b1: Float32Array;
  /** Hidden-major: W2[k*nc + c]. */
  W2: Float32Array;
  b2: Float32Array;
}

// Glorot-style init assuming ~50 active features per message (typical for short chat messages).
const TYPICAL_ACTIVE = 50;

export function trainMlp(X: Csr, y: Int32Array, nc: number, options: Partial<MlpOptions> = {}): MlpModel {
  const o = { ...DEFAULT_MLP, ...options };
  const H = o.hidden;
  const rand = rng(o.seed);
  const r1 = Math.sqrt(6 / (TYPICAL_ACTIVE + H));
  const r2 = Math.sqrt(6 / (H + nc));
  const m: MlpModel = {
    dim: X.dim,
    hidden: H,
    nc,
    W1: Float32Array.from({ length: X.dim * H }, () => (rand() * 2 - 1) * r1),
    b1: new Float32Array(H),
    W2: Float32Array.from({ length: H * nc }, () => (rand() * 2 - 1) * r2),
    b2: new Float32Array(nc),
  };
  const { W1, b1, W2, b2 } = m;
  const h = new Float32Array(H);
  const dh = new Float32Array(H);
  const out = new Float64Array(nc);
  // Units kept by dropout, then the kept units that are active after the ReLU: only those take
  // part in the forward pass and the updates (about a quarter of them with dropout 0.5).
  const kept = new Int32Array(H);
  const live = new Int32Array(H);
  const keep = 1 / (1 - o.dropout);
  const active = X.idx.length / Math.max(1, X.n);
  const updates = Math.min(o.updates, o.work / Math.max(1, active));
  const epochs = Math.min(o.maxEpochs, Math.max(o.minEpochs, Math.round(updates / Math.max(1, X.n))));
  const order = Array.from({ length: X.n }, (_, i) => i);
  for (let ep = 0; ep < epochs; ep++) {
    const lr = o.learningRate * (1 - ep / epochs);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const a = X.ptr[i];
      const e = X.ptr[i + 1];
      let nk = 0;
      for (let k = 0; k < H; k++) if (rand() >= o.dropout) kept[nk++] = k;
      h.fill(0);
      for (let q = 0; q < nk; q++) h[kept[q]] = b1[kept[q]];
      for (let p = a; p < e; p++) {
        const off = X.idx[p] * H;
        const v = X.val[p];
        for (let q = 0; q < nk; q++) h[kept[q]] += W1[off + kept[q]] * v;
      }
      let nl = 0;
      for (let q = 0; q < nk; q++) {
        const k = kept[q];
        if (h[k] > 0) {
          h[k] *= keep;
          live[nl++] = k;
        } else h[k] = 0;
      }
      logits(m, h, out);
      softmaxInPlace(out);
      out[y[i]] -= 1; // now dLoss/dlogits
      for (let q = 0; q < nl; q++) {
        const k = live[q];
        let s = 0;
        const off = k * nc;
        for (let c = 0; c < nc; c++) {
          s += W2[off + c] * out[c];
          W2[off + c] -= lr * out[c] * h[k];
        }
        dh[k] = s * keep;
      }
      for (let c = 0; c < nc; c++) b2[c] -= lr * out[c];
      for (let q = 0; q < nl; q++) b1[live[q]] -= lr * dh[live[q]];
      for (let p = a; p < e; p++) {
        const off = X.idx[p] * H;
        const v = X.val[p] * lr;
        for (let q = 0; q < nl; q++) W1[off + live[q]] -= v * dh[live[q]];
      }
    }
  }
  return m;
}

function logits(m: Omit<MlpModel, 'W1'>, h: Float32Array, out: Float64Array): void {
  const { nc, hidden: H, W2, b2 } = m;
  for (let c = 0; c < nc; c++) out[c] = b2[c];
  for (let k = 0; k < H; k++) {
    const v = h[k];
    if (v === 0) continue;
    const off = k * nc;
    for (let c = 0; c < nc; c++) out[c] += W2[off + c] * v;
  }
}

function softmaxInPlace(v: Float64Array): void {
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  let z = 0;
  for (let c = 0; c < v.length; c++) {
    v[c] = Math.exp(v[c] - max);
    z += v[c];
  }
  for (let c = 0; c < v.length; c++) v[c] /= z;
}

/** A trained net as kept for prediction: W1 as int8 rows with a scale each (codec.ts), a quarter of the memory. */
export interface CompactMlp extends Omit<MlpModel, 'W1'> {
  W1: QuantizedRows;
}

export function compactMlp(m: MlpModel): CompactMlp {
  return { ...m, W1: quantize(m.W1, m.hidden) };
}

/** Log-probabilities of each class for one tf-idf vector (features beyond `dim` are ignored). */
export function mlpLogProba(
  m: MlpModel | CompactMlp,
  x: SparseVec,
  out = new Float64Array(m.nc),
): Float64Array {
  const H = m.hidden;
  const h = new Float32Array(H);
  h.set(m.b1);
  const W1 = m.W1;
  // float weights (just trained) or int8 rows with a scale each (compacted / reloaded)
  if (W1 instanceof Float32Array) {
    for (let p = 0; p < x.idx.length; p++) {
      if (x.idx[p] >= m.dim) continue;
      const off = x.idx[p] * H;
      const v = x.val[p];
      for (let k = 0; k < H; k++) h[k] += W1[off + k] * v;
    }
  } else {
    const { q, scales } = W1;
    for (let p = 0; p < x.idx.length; p++) {
      const j = x.idx[p];
      if (j >= m.dim) continue;
      const off = j * H;
      const v = x.val[p] * scales[j];
      for (let k = 0; k < H; k++) h[k] += q[off + k] * v;
    }
  }
  for (let k = 0; k < H; k++) if (h[k] < 0) h[k] = 0;
  logits(m, h, out);
  let max = -Infinity;
  for (const v of out) if (v > max) max = v;
  let z = 0;
  for (const v of out) z += Math.exp(v - max);
  const lz = max + Math.log(z);
  for (let c = 0; c < out.length; c++) out[c] -= lz;
  return out;
}

export interface MlpState {
  hidden: number;
  nc: number;
  W1: { scales: string; q: string };
  b1: string;
  W2: string;
  b2: string;
}

export function mlpToJSON(m: MlpModel | CompactMlp): MlpState {
  return {
    hidden: m.hidden,
    nc: m.nc,
    W1: encodeQuantized(m.W1 instanceof Float32Array ? quantize(m.W1, m.hidden) : m.W1),
    b1: f32ToBase64(m.b1),
    W2: f32ToBase64(m.W2),
    b2: f32ToBase64(m.b2),
  };
}

export function mlpFromJSON(s: MlpState, dim: number): CompactMlp {
  return {
    dim,
    hidden: s.hidden,
    nc: s.nc,
    W1: decodeQuantized(s.W1),
    b1: base64ToF32(s.b1),
    W2: base64ToF32(s.W2),
    b2: base64ToF32(s.b2),
  };
}
