import { describe, expect, it } from 'vitest';
import { Vectorizer } from './features.js';
import { rowOf } from './linear.js';
import { mlpFromJSON, mlpLogProba, mlpToJSON, trainMlp } from './mlp.js';

const texts = [
  ['我要退款', 0],
  ['退款多久到账', 0],
  ['refund my order', 0],
  ['I want my money back', 0],
  ['快递到哪了', 1],
  ['什么时候发货', 1],
  ['where is my parcel', 1],
  ['track my delivery', 1],
  ['忘记密码', 2],
  ['重置密码', 2],
  ['reset my password', 2],
  ['I forgot my password', 2],
] as const;

describe('neural net over tf-idf vectors', () => {
  const { vectorizer, X } = Vectorizer.fit(texts.map((t) => t[0]));
  const y = Int32Array.from(texts, (t) => t[1]);
  const m = trainMlp(X, y, 3, { hidden: 16, updates: 3000, maxEpochs: 300, seed: 3 });

  it('learns its training set and outputs log-probabilities', () => {
    for (let i = 0; i < X.n; i++) {
      const lp = mlpLogProba(m, rowOf(X, i));
      const best = lp.indexOf(Math.max(...lp));
      expect(best, texts[i][0]).toBe(y[i]);
      expect(lp.reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 6);
    }
  });

  it('generalises to an unseen wording and survives serialization', () => {
    const x = vectorizer.transform('申请退款');
    const lp = mlpLogProba(m, x);
    expect(lp.indexOf(Math.max(...lp))).toBe(0);
    const again = mlpFromJSON(JSON.parse(JSON.stringify(mlpToJSON(m))), vectorizer.dim);
    const lp2 = mlpLogProba(again, x);
    for (let c = 0; c < 3; c++) expect(lp2[c]).toBeCloseTo(lp[c], 1);
  });

  it('is deterministic for a given seed', () => {
    const again = trainMlp(X, y, 3, { hidden: 16, updates: 3000, maxEpochs: 300, seed: 3 });
    expect(Array.from(again.W2)).toEqual(Array.from(m.W2));
  });
});
