/**
 * Lexical nearest-example retrieval: cosine similarity between a query's tf-idf vector and every
 * training example, via an inverted index. The best similarity per intent complements the SVM:
 * a near-duplicate of a training example is strong evidence even for rare phrasings, and a message
 * similar to no example at all is a useful out-of-scope cue.
 */
import type { Csr, SparseVec } from './features.js';

export class Neighbors {
  private readonly post: Int32Array; // feature → start offset in rows/vals
  private readonly rows: Int32Array;
  private readonly vals: Float32Array;
  private readonly acc: Float32Array;

  constructor(
    readonly X: Csr,
    readonly y: Int32Array,
    readonly nc: number,
  ) {
    const post = new Int32Array(X.dim + 1);
    for (let p = 0; p < X.idx.length; p++) post[X.idx[p] + 1]++;
    for (let j = 0; j < X.dim; j++) post[j + 1] += post[j];
    const fill = post.slice(0, X.dim);
    const rows = new Int32Array(X.idx.length);
    const vals = new Float32Array(X.idx.length);
    for (let i = 0; i < X.n; i++)
      for (let p = X.ptr[i]; p < X.ptr[i + 1]; p++) {
        const q = fill[X.idx[p]]++;
        rows[q] = i;
        vals[q] = X.val[p];
      }
    this.post = post;
    this.rows = rows;
    this.vals = vals;
    this.acc = new Float32Array(X.n);
  }

  /** Highest cosine similarity to any training example of each class (vectors are unit length). */
  classBest(x: SparseVec, out = new Float64Array(this.nc)): Float64Array {
    const { acc, post, rows, vals } = this;
    acc.fill(0);
    for (let k = 0; k < x.idx.length; k++) {
      const j = x.idx[k];
      if (j >= this.X.dim) continue;
      const v = x.val[k];
      for (let q = post[j]; q < post[j + 1]; q++) acc[rows[q]] += v * vals[q];
    }
    out.fill(0);
    for (let i = 0; i < acc.length; i++) if (acc[i] > out[this.y[i]]) out[this.y[i]] = acc[i];
    return out;
  }
}
