import { describe, expect, it } from 'vitest';
import { loadSentimentModel, trainSentimentModel } from './sentiment.js';

const POS = [
  '味道很好，送餐很快',
  '非常满意，下次还来',
  '好吃，分量足',
  '服务态度很好',
  '包装精美，很新鲜',
  'great service, thank you',
  'love it, fast delivery',
  'excellent food and friendly staff',
  'very happy with my order',
  'awesome, highly recommend',
];
const NEG = [
  '太难吃了',
  '送餐太慢，饭都凉了',
  '服务态度差',
  '分量太少，不新鲜',
  '再也不点了，很失望',
  'terrible service',
  'the food was cold and late',
  'very disappointed, never again',
  'awful taste and rude staff',
  'worst order ever',
];
const data = [
  ...POS.map((text) => ({ text, label: 'positive' })),
  ...NEG.map((text) => ({ text, label: 'negative' })),
];

describe('sentiment model', () => {
  const model = trainSentimentModel(data);

  it('classifies unseen zh and en reviews', () => {
    expect(model.predict('很好吃，送得也快').label).toBe('positive');
    expect(model.predict('太慢了，而且难吃').label).toBe('negative');
    expect(model.predict('friendly staff and great food').label).toBe('positive');
    expect(model.predict('cold food, terrible').label).toBe('negative');
  });

  it('returns a probability per label', () => {
    const p = model.predict('味道很好');
    expect(Object.keys(p.scores).sort()).toEqual(['negative', 'positive']);
    expect(p.scores.positive + p.scores.negative).toBeCloseTo(1, 6);
    expect(p.confidence).toBe(p.scores[p.label]);
  });

  it('round-trips through serialization', () => {
    const again = loadSentimentModel(model.serialize());
    for (const t of ['很好吃', 'terrible', '一般般'])
      expect(again.predict(t).label).toBe(model.predict(t).label);
  });

  it('needs at least two labels', () => {
    expect(() => trainSentimentModel([{ text: 'x', label: 'positive' }])).toThrow();
  });
});
