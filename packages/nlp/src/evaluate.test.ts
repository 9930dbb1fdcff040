import { describe, expect, it } from 'vitest';
import { evaluateIntents, evaluateIntentsAsync, evaluateSentiment, macroF1, percentile } from './evaluate.js';
import { runTrainingJob, type TrainingJob } from './intent.js';

const train = [
  ...[
    'open account',
    'create an account',
    'sign up for an account',
    'register a new account',
    'how to open an account',
  ].map((text) => ({ text, label: 'account' })),
  ...['card lost', 'I lost my card', 'my card was stolen', 'block my lost card', 'card missing'].map(
    (text) => ({ text, label: 'lost_card' }),
  ),
  ...[
    'exchange rate',
    'what is the exchange rate',
    'currency conversion rate',
    'rate for euros',
    'dollar exchange rate today',
  ].map((text) => ({ text, label: 'fx' })),
  ...['top up', 'add money', 'top up my balance', 'how to add funds', 'topping up failed'].map((text) => ({
    text,
    label: 'top_up',
  })),
];

describe('evaluation', () => {
  it('macroF1 and percentile behave', () => {
    expect(macroF1(['a', 'b'], ['a', 'b'])).toBe(1);
    expect(macroF1(['a', 'a'], ['a', 'b'])).toBeCloseTo((2 / 3 + 0) / 2);
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
  });

  it('reports accuracy without oos metrics when the test set has no oos rows', () => {
    const r = evaluateIntents(train, [
      { text: 'I want to open an account', label: 'account' },
      { text: 'my card got stolen', label: 'lost_card' },
    ]);
    expect(r.oosRecall).toBeNull();
    expect(r.oosPrecision).toBeNull();
    expect(r.inScopeAccuracy).toBe(1);
    expect(r.n).toBe(2);
  });

  it('reports oos metrics when the test set has oos rows', () => {
    const r = evaluateIntents(train, [
      { text: 'open an account', label: 'account' },
      { text: 'zebra giraffe volcano poetry', label: 'oos' },
    ]);
    expect(r.oosRecall).not.toBeNull();
    expect(r.oosPrecision).not.toBeNull();
    expect(r.inScopeAccuracy).toBeGreaterThanOrEqual(0);
    expect(r.macroF1).toBeGreaterThanOrEqual(0);
  });

  it('evaluates sentiment', () => {
    const data = [
      ...['good', 'great', 'very good', 'love it', 'nice'].map((text) => ({ text, label: 'pos' })),
      ...['bad', 'awful', 'very bad', 'hate it', 'horrible'].map((text) => ({ text, label: 'neg' })),
    ];
    const r = evaluateSentiment(data, [
      { text: 'really great', label: 'pos' },
      { text: 'really awful', label: 'neg' },
    ]);
    expect(r.accuracy).toBe(1);
    expect(r.n).toBe(2);
  });

  it('gives the same figures with the simulation handed elsewhere (as `kefu eval` runs it on a thread)', async () => {
    const test = [
      { text: 'I want to open a new account', label: 'account' },
      { text: 'somebody stole my card', label: 'lost_card' },
      { text: 'euro rate please', label: 'fx' },
      { text: 'what is the weather like', label: 'oos' },
    ];
    const kinds: string[] = [];
    const options = { nets: { count: 2, minExamples: 0 } }; // small nets too, so one is handed over
    const handed = await evaluateIntentsAsync(
      train,
      test,
      async (job: TrainingJob) => {
        kinds.push(job.kind);
        return runTrainingJob(structuredClone(job)); // what crosses to a worker thread
      },
      options,
    );
    expect(kinds).toEqual(['simulate', 'net']);
    const here = evaluateIntents(train, test, options);
    for (const k of ['inScopeAccuracy', 'oosRecall', 'oosPrecision', 'macroF1', 'n'] as const)
      expect(handed[k]).toBe(here[k]);
  });
});
