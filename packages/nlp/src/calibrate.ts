/**
 * Confidence calibration and threshold selection for "is this one of my intents?".
 * Raw SVM scores are not probabilities; we fit a small logistic model on (top score, margin to
 * the runner-up) against "the top label was right", using predictions on data the model did not
 * train on (see the held-out-classes simulation in intent.ts).
 */
export interface Calibration {
  a: number; // weight of the top score
  b: number; // weight of the margin (top − second)
  c: number; // intercept
  /** Weight of the word-view coverage (share of the message's words known from training); absent = 0. */
  d?: number;
  /** Weight of the character-view coverage (share of the message's char n-grams known); absent = 0. */
  e?: number;
  /** Weight of the top score standardised by its intent's training-score statistics; absent = 0. */
  f?: number;
  /** Weight of the runner-up score standardised by the runner-up intent's statistics; absent = 0. */
  h?: number;
  /** Weight of the spread: top score − mean of the next four; absent = 0. */
  k?: number;
}

export interface SimPoint {
  s1: number;
  s2: number;
  /** Coverage of the message by the training vocabulary, word and char views (0..1; default 1). */
  kw?: number;
  kc?: number;
  /** (s1 − mean score of the top intent on its training examples) / their standard deviation. */
  z?: number;
  /** Runner-up score standardised by the runner-up intent's statistics. */
  z2?: number;
  /** Top score − mean of the next four scores. */
  spread?: number;
  correct: boolean; // top label right (always false for out-of-scope points)
  oos: boolean;
}

/** Which confidence features to use beyond (top score, margin). */
export interface CalibrationFeatures {
  coverage: boolean;
  classZ: boolean;
  /**
   * Shape of the score vector: runner-up standardised score and spread. (Entropy of the softmax
   * was tried too: it depends on the number of intents, which differs between the simulation and
   * the final model, and it hurt on held-out splits of the small data set.)
   */
  shape?: boolean;
}

export type ConfidenceInputs = Omit<SimPoint, 'correct' | 'oos'>;

/** Calibrated confidence from all available inputs (missing inputs contribute nothing). */
export function confidenceOf(cal: Calibration, p: ConfidenceInputs): number {
  return sigmoid(
    cal.a * p.s1 +
      cal.b * (p.s1 - p.s2) +
      (cal.d ?? 0) * (p.kw ?? 1) +
      (cal.e ?? 0) * (p.kc ?? 1) +
      (cal.f ?? 0) * (p.z ?? 0) +
      (cal.h ?? 0) * (p.z2 ?? 0) +
      (cal.k ?? 0) * (p.spread ?? 0) +
      cal.c,
  );
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function confidence(cal: Calibration, s1: number, s2: number, kw = 1, kc = 1, z = 0): number {
  return sigmoid(
    cal.a * s1 + cal.b * (s1 - s2) + (cal.d ?? 0) * kw + (cal.e ?? 0) * kc + (cal.f ?? 0) * z + cal.c,
  );
}

/**
 * Logistic regression on (top score, margin[, word coverage, char coverage][, per-intent
 * standardised top score]) by Newton's method (IRLS) with a small ridge for stability. Coverage
 * matters for out-of-scope detection: messages about unknown topics use words and character
 * n-grams the training data never contained. The standardised score corrects for intents whose
 * scores run systematically high or low (per-class thresholds, as in DOC, Shu et al. 2017).
 */
export function fitCalibration(
  points: SimPoint[],
  use: CalibrationFeatures | boolean = { coverage: true, classZ: true, shape: true },
): Calibration {
  const u: CalibrationFeatures = typeof use === 'boolean' ? { coverage: use, classZ: false } : use;
  const feats = (p: SimPoint) => {
    const x = [p.s1, p.s1 - p.s2];
    if (u.coverage) x.push(p.kw ?? 1, p.kc ?? 1);
    if (u.classZ) x.push(p.z ?? 0);
    if (u.shape) x.push(p.z2 ?? 0, p.spread ?? 0);
    x.push(1);
    return x;
  };
  const m = feats(points[0] ?? { s1: 0, s2: 0, correct: false, oos: false }).length;
  let th = new Array<number>(m).fill(0);
  th[0] = 1;
  th[1] = 1;
  const ridge = 1e-3;
  for (let it = 0; it < 50; it++) {
    const g = new Array<number>(m).fill(0);
    const H = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? ridge : 0)));
    for (const p of points) {
      const x = feats(p);
      let z = 0;
      for (let i = 0; i < m; i++) z += th[i] * x[i];
      const pr = sigmoid(z);
      const r = pr - (p.correct ? 1 : 0);
      const wgt = Math.max(pr * (1 - pr), 1e-6);
      for (let i = 0; i < m; i++) {
        g[i] += r * x[i];
        for (let j = 0; j < m; j++) H[i][j] += wgt * x[i] * x[j];
      }
    }
    for (let i = 0; i < m - 1; i++) g[i] += ridge * th[i];
    const d = solve(H, g);
    if (!d) break;
    th = th.map((t, i) => t - d[i]);
    if (d.reduce((s, v) => s + Math.abs(v), 0) < 1e-6) break;
  }
  const cal: Calibration = { a: th[0], b: th[1], c: th[m - 1] };
  let k = 2;
  if (u.coverage) {
    cal.d = th[k++];
    cal.e = th[k++];
  }
  if (u.classZ) cal.f = th[k++];
  if (u.shape) {
    cal.h = th[k++];
    cal.k = th[k];
  }
  return cal;
}

/** Gauss–Jordan elimination with partial pivoting (small dense systems). */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (Math.abs(M[p][c]) < 1e-12) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((r, i) => r[n] / r[i]);
}

export interface Thresholds {
  /** confidence ≥ answer → reply with the intent's answer. */
  answer: number;
  /** suggest ≤ confidence < answer → "did you mean" top 3; below suggest → out of scope. */
  suggest: number;
}

/**
 * Out-of-scope cut-off: maximise a weighted mean of in-scope accuracy (a rejected in-scope message
 * counts as wrong) and out-of-scope recall on the simulation. In-scope accuracy weighs 2:1 by
 * default: wrongly refusing a customer the bot could help is costlier than a fallback that a
 * human agent catches anyway, and simulated out-of-scope data is easier than real chatter. The answer threshold is the lowest confidence at which ≥ `precision` of accepted
 * simulated messages were answered correctly.
 */
export function chooseThresholds(
  points: { conf: number; correct: boolean; oos: boolean }[],
  precision = 0.9,
  oosWeight = 1 / 3,
): Thresholds {
  const nIn = points.filter((p) => !p.oos).length;
  const nOos = points.length - nIn;
  if (nIn === 0 || nOos === 0) return { answer: 0.6, suggest: 0.2 };
  const sorted = [...points].sort((x, y) => x.conf - y.conf);
  // Sweep t upwards: everything below index k is rejected.
  let correctAccepted = points.filter((p) => p.correct).length;
  let oosRejected = 0;
  let best = -1;
  let bestT = 0;
  for (let k = 0; k <= sorted.length; k++) {
    if (k === 0 || sorted[k - 1].conf !== sorted[k]?.conf) {
      const t = k < sorted.length ? sorted[k].conf : 1;
      const score = (1 - oosWeight) * (correctAccepted / nIn) + oosWeight * (oosRejected / nOos);
      if (score > best) {
        best = score;
        bestT = k === 0 ? 0 : (sorted[k - 1].conf + t) / 2;
      }
    }
    if (k < sorted.length) {
      if (sorted[k].oos) oosRejected++;
      else if (sorted[k].correct) correctAccepted--;
    }
  }
  // Answer threshold: walk down from the top while the accepted set stays precise enough.
  const desc = [...sorted].reverse();
  let ok = 0;
  let answer = 1;
  for (let k = 0; k < desc.length; k++) {
    if (desc[k].correct) ok++;
    if (ok / (k + 1) >= precision && desc[k].conf >= bestT) answer = desc[k].conf;
  }
  return { answer: Math.max(answer, bestT), suggest: bestT };
}
