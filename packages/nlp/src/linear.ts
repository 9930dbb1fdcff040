/**
 * One-vs-rest L2-regularised, squared-hinge linear SVM trained by dual coordinate descent
 * (Hsieh et al. 2008, the LIBLINEAR default solver). It needs no learning rate, converges in a
 * handful of passes on sparse tf-idf data, and shrinking skips the many easy negatives of each
 * one-vs-rest problem, which is what makes 77-class training take seconds.
 */
import type { Csr, SparseVec } from './features.js';
import { rng, shuffle } from './rng.js';
import { quantize, type QuantizedRows } from './codec.js';

export interface SvmOptions {
  C: number;
  maxIter: number;
  eps: number;
  seed: number;
  /** 'l2' = squared hinge (default), 'l1' = hinge (box-constrained dual). */
  loss?: 'l1' | 'l2';
  /**
   * Optional per-class feature scaling (NB-SVM log-count ratios). Training on x∘r and then
   * folding r into the weights gives the same decision function on raw x.
   */
  scale?: (c: number) => Float32Array | null;
}

export const DEFAULT_SVM: SvmOptions = { C: 2, maxIter: 40, eps: 0.1, seed: 1 };

/** Weights are laid out feature-major (W[j*nc + c]) so scoring a sparse row reads contiguous memory. */
export interface LinearModel {
  nc: number;
  dim: number;
  W: Float32Array;
  b: Float32Array;
}

/** Bias is modelled as an extra constant feature (value 1), regularised like LIBLINEAR does. */
const BIAS = 1;

function trainBinary(
  X: Csr,
  y: Int8Array,
  o: SvmOptions,
  scale: Float32Array | null,
  w: Float64Array,
): number {
  const { n, ptr, idx, val } = X;
  const l1 = o.loss === 'l1';
  const diag = l1 ? 0 : 0.5 / o.C;
  const U = l1 ? o.C : Infinity;
  const QD = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = BIAS * BIAS + diag;
    for (let p = ptr[i]; p < ptr[i + 1]; p++) {
      const v = scale ? val[p] * scale[idx[p]] : val[p];
      s += v * v;
    }
    QD[i] = s;
  }
  w.fill(0);
  let wb = 0;
  const alpha = new Float64Array(n);
  const index = Array.from({ length: n }, (_, i) => i);
  const rand = rng(o.seed);
  let active = n;
  let PGmaxOld = Infinity;
  let PGminOld = -Infinity;
  for (let iter = 0; iter < o.maxIter; iter++) {
    let PGmaxNew = -Infinity;
    let PGminNew = Infinity;
    for (let k = 0; k < active; k++) {
      const j = k + Math.floor(rand() * (active - k));
      [index[k], index[j]] = [index[j], index[k]];
    }
    for (let s = 0; s < active; s++) {
      const i = index[s];
      const yi = y[i];
      let dot = wb * BIAS;
      const a = ptr[i];
      const e = ptr[i + 1];
      if (scale) for (let p = a; p < e; p++) dot += w[idx[p]] * val[p] * scale[idx[p]];
      else {
        // four running sums: the additions no longer wait on one another (~1.3× faster on this loop)
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        let p = a;
        for (; p + 3 < e; p += 4) {
          dot += w[idx[p]] * val[p];
          d1 += w[idx[p + 1]] * val[p + 1];
          d2 += w[idx[p + 2]] * val[p + 2];
          d3 += w[idx[p + 3]] * val[p + 3];
        }
        for (; p < e; p++) dot += w[idx[p]] * val[p];
        dot += d1 + d2 + d3;
      }
      const G = yi * dot - 1 + alpha[i] * diag;
      let PG = 0;
      if (alpha[i] === 0) {
        if (G > PGmaxOld) {
          // Shrink: this example sits comfortably outside the margin; stop visiting it.
          active--;
          [index[s], index[active]] = [index[active], index[s]];
          s--;
          continue;
        } else if (G < 0) PG = G;
      } else if (alpha[i] === U) {
        if (G < PGminOld) {
          active--;
          [index[s], index[active]] = [index[active], index[s]];
          s--;
          continue;
        } else if (G > 0) PG = G;
      } else PG = G;
      if (PG > PGmaxNew) PGmaxNew = PG;
      if (PG < PGminNew) PGminNew = PG;
      if (Math.abs(PG) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(old - G / QD[i], 0), U);
        const d = (alpha[i] - old) * yi;
        if (scale) for (let p = a; p < e; p++) w[idx[p]] += d * val[p] * scale[idx[p]];
        else for (let p = a; p < e; p++) w[idx[p]] += d * val[p];
        wb += d * BIAS;
      }
    }
    if (PGmaxNew - PGminNew <= o.eps) {
      if (active === n) break;
      // Converged on the shrunk set: re-check everything once before stopping.
      active = n;
      PGmaxOld = Infinity;
      PGminOld = -Infinity;
      continue;
    }
    PGmaxOld = PGmaxNew <= 0 ? Infinity : PGmaxNew;
    PGminOld = PGminNew >= 0 ? -Infinity : PGminNew;
  }
  return wb * BIAS;
}

/** Train one binary SVM per class. `labels[i]` in 0..nc-1. */
export function trainOvr(
  X: Csr,
  labels: Int32Array,
  nc: number,
  options: Partial<SvmOptions> = {},
): LinearModel {
  const o = { ...DEFAULT_SVM, ...options };
  const W = new Float32Array(X.dim * nc);
  const b = new Float32Array(nc);
  const w = new Float64Array(X.dim);
  const y = new Int8Array(X.n);
  for (let c = 0; c < nc; c++) {
    for (let i = 0; i < X.n; i++) y[i] = labels[i] === c ? 1 : -1;
    const scale = o.scale ? o.scale(c) : null;
    b[c] = trainBinary(X, y, { ...o, seed: o.seed + c }, scale, w);
    for (let j = 0; j < X.dim; j++) W[j * nc + c] = scale ? w[j] * scale[j] : w[j];
  }
  return { nc, dim: X.dim, W, b };
}

/** A trained linear model as kept for prediction: int8 weights with a scale per feature row (codec.ts). */
export interface CompactLinear {
  nc: number;
  dim: number;
  weights: QuantizedRows;
  b: Float32Array;
}

export function compactLinear(m: LinearModel): CompactLinear {
  return { nc: m.nc, dim: m.dim, weights: quantize(m.W, m.nc), b: m.b };
}

export function scores(
  m: LinearModel | CompactLinear,
  x: SparseVec,
  out = new Float64Array(m.nc),
): Float64Array {
  if ('weights' in m) return compactScores(m, x, out);
  const { nc, W } = m;
  for (let c = 0; c < nc; c++) out[c] = m.b[c];
  for (let p = 0; p < x.idx.length; p++) {
    const o = x.idx[p] * nc;
    const v = x.val[p];
    for (let c = 0; c < nc; c++) out[c] += W[o + c] * v;
  }
  return out;
}

function compactScores(m: CompactLinear, x: SparseVec, out: Float64Array): Float64Array {
  const { nc } = m;
  const { q, scales } = m.weights;
  for (let c = 0; c < nc; c++) out[c] = m.b[c];
  for (let p = 0; p < x.idx.length; p++) {
    const j = x.idx[p];
    const o = j * nc;
    const v = x.val[p] * scales[j];
    for (let c = 0; c < nc; c++) out[c] += q[o + c] * v;
  }
  return out;
}

export function rowOf(X: Csr, i: number): SparseVec {
  return { idx: X.idx.subarray(X.ptr[i], X.ptr[i + 1]), val: X.val.subarray(X.ptr[i], X.ptr[i + 1]) };
}

export { shuffle };
