import { describe, expect, it } from 'vitest';
import { normalize, searchTokens, segment, stem, tokenize } from './text.js';

describe('normalize', () => {
  it('folds full-width forms, case and whitespace', () => {
    expect(normalize('  ＨＥＬＬＯ　Ｗｏｒｌｄ１２３！ ')).toBe('hello world123!');
  });
});

describe('segmentation', () => {
  it('segments Chinese into words with jieba', () => {
    const words = segment('我想查询信用卡的账单');
    expect(words).toContain('信用卡');
    expect(words).toContain('账单');
  });
  it('handles mixed Chinese and English', () => {
    const words = segment('我的iPhone订单还没发货');
    expect(words).toContain('iphone');
    expect(words).toContain('订单');
    expect(words).toContain('发货');
  });
  it('stems English inflections', () => {
    expect(stem('refunds')).toBe('refund');
    expect(stem('refunded')).toBe('refund');
    expect(stem('charging')).toBe('charg');
    expect(stem('stopped')).toBe('stop');
    expect(stem('status')).toBe('status');
  });
  it('tokenize keeps punctuation marks as tokens', () => {
    expect(tokenize('Where is my card?')).toEqual(['where', 'is', 'my', 'card', '?']);
  });
});

describe('searchTokens', () => {
  it('gives deduplicated lower-case words and stems for indexing', () => {
    const t = searchTokens('Refunds REFUNDS 信用卡 退款');
    expect(t).toContain('refunds');
    expect(t).toContain('refund');
    expect(t).toContain('信用卡');
    expect(t).toContain('退款');
    expect(new Set(t).size).toBe(t.length);
    expect(t.every((x) => x === x.toLowerCase())).toBe(true);
  });
});
