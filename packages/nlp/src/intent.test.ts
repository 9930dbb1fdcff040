import { describe, expect, it } from 'vitest';
import {
  IntentModel,
  loadIntentModel,
  runTrainingJob,
  trainIntentModel,
  trainIntentModelAsync,
} from './intent.js';

// A toy customer-service domain, zh + en, several phrasings per intent.
const DATA: Record<string, string[]> = {
  refund: [
    '我要退款',
    '怎么申请退款',
    '退款多久到账',
    '钱什么时候退回来',
    '申请退货退款',
    'I want a refund',
    'how do I get my money back',
    'refund my order please',
    'when will my refund arrive',
    'can I return this for a refund',
  ],
  shipping: [
    '什么时候发货',
    '快递到哪了',
    '物流信息查不到',
    '我的包裹还没到',
    '订单发货了吗',
    'where is my package',
    'when will my order ship',
    'track my delivery',
    'my parcel has not arrived',
    'shipping status of my order',
  ],
  password: [
    '忘记密码了',
    '怎么重置密码',
    '登录密码找回',
    '修改账户密码',
    '密码错误登不上',
    'I forgot my password',
    'reset my password',
    'how to change password',
    'cannot log in wrong password',
    'password recovery',
  ],
  invoice: [
    '怎么开发票',
    '我要开具发票',
    '电子发票在哪下载',
    '发票抬头填错了',
    '能开增值税发票吗',
    'I need an invoice',
    'download my invoice',
    'how do I get a receipt',
    'invoice for my purchase',
    'send me the bill',
  ],
  human: [
    '转人工',
    '我要找客服',
    '人工客服在哪',
    '联系真人客服',
    '找个人工',
    'talk to a human',
    'speak to an agent',
    'I want a real person',
    'connect me to support staff',
    'human agent please',
  ],
  hours: [
    '你们几点上班',
    '营业时间是什么',
    '周末有人吗',
    '客服工作时间',
    '几点下班',
    'what are your opening hours',
    'are you open on weekends',
    'business hours',
    'when do you close',
    'what time do you open',
  ],
};
const examples = Object.entries(DATA).flatMap(([label, texts]) => texts.map((text) => ({ text, label })));

describe('intent model', () => {
  const model = trainIntentModel(examples);

  it('answers unseen paraphrases in Chinese and English', () => {
    expect(model.predict('退款什么时候能到账').topLabel).toBe('refund');
    expect(model.predict('我的快递到哪里了').topLabel).toBe('shipping');
    expect(model.predict('I forgot my password, how to reset it').topLabel).toBe('password');
    expect(model.predict('can you give me an invoice').topLabel).toBe('invoice');
    expect(model.predict('let me speak to a human').topLabel).toBe('human');
  });

  it('is more confident on a clear match than on nonsense, and rejects nonsense as out of scope', () => {
    const clear = model.predict('I want a refund for my order');
    for (const t of ['今天天气怎么样', 'what is the weather like today', 'xyzzy plugh']) {
      const junk = model.predict(t);
      expect(clear.confidence, t).toBeGreaterThan(junk.confidence);
      expect(junk.outOfScope, t).toBe(true);
      expect(junk.label, t).toBeNull();
      expect(junk.action, t).toBe('fallback');
    }
    expect(clear.outOfScope).toBe(false);
  });

  it('returns at most 5 sorted candidates with probabilities', () => {
    const p = model.predict('password');
    expect(p.candidates.length).toBe(5);
    for (let i = 1; i < p.candidates.length; i++)
      expect(p.candidates[i - 1].score).toBeGreaterThanOrEqual(p.candidates[i].score);
    expect(p.candidates[0].label).toBe('password');
  });

  it('exposes ordered thresholds chosen during training', () => {
    expect(model.thresholds.suggest).toBeGreaterThanOrEqual(0);
    expect(model.thresholds.answer).toBeGreaterThanOrEqual(model.thresholds.suggest);
    expect(model.thresholds.answer).toBeLessThanOrEqual(1);
  });

  it('round-trips through serialize/deserialize with exactly the same predictions', () => {
    const json = model.serialize();
    const again = loadIntentModel(json);
    expect(again).toBeInstanceOf(IntentModel);
    expect(again.labels).toEqual(model.labels);
    expect(again.thresholds).toEqual(model.thresholds);
    // weights are int8 in memory as in JSON: what `kefu eval` measures is what the bot reloads
    for (const t of ['我要退款', 'where is my parcel', '营业时间', 'blah'])
      expect(again.predict(t)).toEqual(model.predict(t));
  });

  it('ignores oos rows in training data', () => {
    const m = trainIntentModel([...examples, { text: 'random chatter', label: 'oos' }], {
      simulationRounds: 0,
    });
    expect(m.labels).not.toContain('oos');
  });

  it('rejects garbage serialized input', () => {
    expect(() => IntentModel.deserialize('{"kind":"other"}')).toThrow();
  });
});

describe('intent model with retrieval', () => {
  it('adds nearest-example similarity and keeps it across serialization', () => {
    const m = trainIntentModel(examples, { retrievalWeight: 0.5 });
    expect(m.predict('how do I get my money back').topLabel).toBe('refund');
    const again = IntentModel.deserialize(m.serialize());
    const a = m.rawScores('快递到哪了');
    const b = again.rawScores('快递到哪了');
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 2);
  });
});

describe('intent model with neural nets', () => {
  it('trains none on small sets by default, and the requested number otherwise', () => {
    expect(trainIntentModel(examples, { simulationRounds: 0 }).netCount).toBe(0);
    const m = trainIntentModel(examples, { simulationRounds: 0, nets: { count: 2, minExamples: 0 } });
    expect(m.netCount).toBe(2);
    // none above maxIntents: the nets' output layer grows with the intent count (large FAQ bases)
    const many = trainIntentModel(examples, {
      simulationRounds: 0,
      nets: { count: 2, minExamples: 0, maxIntents: 2 },
    });
    expect(many.netCount).toBe(0);
  });

  it('picks intents with SVM and nets together and keeps the nets across serialization', () => {
    const m = trainIntentModel(examples, { nets: { count: 2, minExamples: 0 } });
    expect(m.predict('退款什么时候能到账').topLabel).toBe('refund');
    expect(m.predict('my parcel is late, where is it').topLabel).toBe('shipping');
    const again = IntentModel.deserialize(m.serialize());
    expect(again.netCount).toBe(2);
    for (const t of ['我要退款', 'where is my parcel', '营业时间', 'blah'])
      expect(again.predict(t)).toEqual(m.predict(t));
  });
});

describe('training with part of the work elsewhere', () => {
  it('gives exactly the model trained in one place', async () => {
    const options = { nets: { count: 2, minExamples: 0 } };
    const m = trainIntentModel(examples, options);
    const kinds: string[] = [];
    const handed = await trainIntentModelAsync(examples, options, async (job) => {
      kinds.push(job.kind);
      return runTrainingJob(structuredClone(job));
    });
    expect(kinds).toEqual(['simulate', 'net']);
    expect(handed.serialize()).toBe(m.serialize());
  });
});

describe('out-of-scope confidence features', () => {
  it('learns coverage and per-intent score weights and keeps them across serialization', () => {
    const m = trainIntentModel(examples);
    expect(m.calibration.d).toBeTypeOf('number');
    expect(m.calibration.e).toBeTypeOf('number');
    expect(m.calibration.f).toBeTypeOf('number');
    expect(m.calibration.h).toBeTypeOf('number');
    expect(m.calibration.k).toBeTypeOf('number');
    const json = m.serialize();
    expect(JSON.parse(json).classStats).toBeDefined();
    const again = loadIntentModel(json);
    expect(again.predict('完全无关的火星文字 zqxj').confidence).toBeCloseTo(
      m.predict('完全无关的火星文字 zqxj').confidence,
      2,
    );
  });

  it('still loads models saved before these features (no class statistics, 3-weight calibration)', () => {
    const m = trainIntentModel(examples, {
      coverageFeatures: false,
      classZFeature: false,
      shapeFeatures: false,
    });
    expect(m.calibration.d).toBeUndefined();
    expect(m.calibration.f).toBeUndefined();
    expect(m.calibration.h).toBeUndefined();
    const d = JSON.parse(m.serialize());
    expect(d.classStats).toBeUndefined();
    const again = loadIntentModel(JSON.stringify(d));
    expect(again.predict('refund please').topLabel).toBe(m.predict('refund please').topLabel);
    expect(again.predict('refund please').confidence).toBeCloseTo(m.predict('refund please').confidence, 2);
  });
});
