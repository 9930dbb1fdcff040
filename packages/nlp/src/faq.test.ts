import { describe, expect, it } from 'vitest';
import { ANSWER_MODES, FaqMatcher, splitQuestions, topicTerms } from './faq.js';

const FAQS = {
  ship: ['订单什么时候发货', '多久能发货', '下单后几天发货', '什么时候能寄出'],
  refund: ['怎么申请退款', '我要退款', '退款多久到账', '如何退钱'],
  address: ['怎么修改收货地址', '地址填错了怎么办', '可以改地址吗'],
  invoice: ['怎么开发票', '可以开增值税发票吗', '发票怎么申请'],
  password: ['忘记密码怎么办', '怎么重置密码', '登录不了账号'],
  fee: ['运费多少钱', '包邮吗', '配送费怎么算'],
  coupon: ['优惠券怎么用', '优惠券在哪里领', '优惠码无法使用'],
  pay: ['支持哪些支付方式', '可以用微信支付吗', '能用支付宝吗'],
  hours: ['What are your opening hours', 'When are you open', 'Are you open on Sunday'],
};
const matcher = FaqMatcher.train(Object.entries(FAQS).map(([id, questions]) => ({ id, questions })));

describe('FaqMatcher', () => {
  it('answers a question asked in other words', () => {
    for (const [text, id] of [
      ['你好，我的订单什么时候发货？', 'ship'],
      ['我想退款', 'refund'],
      ['密码忘了', 'password'],
      ['能开发票吗', 'invoice'],
      ['when do you open on sundays?', 'hours'],
    ]) {
      const d = matcher.match(text);
      expect(d.action, text).toBe('answer');
      expect(d.candidates[0].id, text).toBe(id);
    }
  });

  it('offers choices when unsure and falls back on what it does not know', () => {
    const unsure = matcher.match('我买的东西啥时候寄');
    expect(unsure.action).toBe('suggest');
    expect(unsure.candidates[0].id).toBe('ship');
    // an abbreviation sharing single characters only (「开票」 ~ 「开发票」) is at least offered
    const short = matcher.match('开票');
    expect(short.action).not.toBe('fallback');
    expect(short.candidates[0].id).toBe('invoice');
    for (const text of ['今天天气怎么样', '你们的老板是谁', 'asdfgh', '']) {
      expect(matcher.match(text).action, text).toBe('fallback');
    }
  });

  it('answers more readily in the eager mode and less in the cautious one', () => {
    const actions = (text: string) =>
      (['cautious', 'balanced', 'eager'] as const).map(
        (mode) => matcher.match(text, ANSWER_MODES[mode]).action,
      );
    expect(actions('密码不记得了')).toEqual(['suggest', 'answer', 'answer']);
    expect(actions('寄出要几天')).toEqual(['suggest', 'suggest', 'answer']);
    expect(actions('我想退款')).toEqual(['answer', 'answer', 'answer']);
    // a bare question word, or nonsense, is never answered, however eager
    for (const text of ['多久', '今天天气怎么样'])
      expect(matcher.match(text, ANSWER_MODES.eager).action, text).not.toBe('answer');
    // the default is the balanced mode
    expect(matcher.match('密码不记得了', ANSWER_MODES.balanced)).toEqual(matcher.match('密码不记得了'));
  });

  it('does not answer outright a bare fragment shared by several entries', () => {
    // 「什么时候」 / 「多久」 could be shipping or refunds: at most "did you mean", never an answer
    for (const text of ['什么时候', '多久', '怎么办', 'when']) {
      expect(matcher.match(text).action, text).not.toBe('answer');
    }
  });

  it('works from the first entry and with none', () => {
    expect(FaqMatcher.train([]).match('发货').action).toBe('fallback');
    const one = FaqMatcher.train([{ id: 'x', questions: ['怎么开发票'] }]);
    expect(one.match('怎么开发票？').action).toBe('answer');
    expect(one.match('天气').action).toBe('fallback');
  });

  it('serializes and reloads to the same decisions and scores (a matcher trained in a worker thread)', () => {
    const copy = FaqMatcher.deserialize(matcher.serialize());
    expect(copy.size).toBe(matcher.size);
    for (const t of [
      '你好，我的订单什么时候发货？',
      '我想退款',
      '什么时候',
      '今天天气怎么样',
      'open on sundays?',
    ])
      expect(copy.match(t), t).toEqual(matcher.match(t));
    const one = FaqMatcher.train([{ id: 'x', questions: ['怎么开发票'] }], { answerAt: 0.6 });
    const oneCopy = FaqMatcher.deserialize(one.serialize());
    for (const t of ['怎么开发票？', '天气']) expect(oneCopy.match(t), t).toEqual(one.match(t));
    expect(() => FaqMatcher.deserialize('{"kind":"other"}')).toThrow(/not a Kefu FAQ matcher/);
  });
});

describe('splitQuestions', () => {
  it('splits a message that asks two things and keeps a single question whole', () => {
    expect(splitQuestions('运费多少钱？另外怎么开发票')).toEqual(['运费多少钱', '怎么开发票']);
    expect(splitQuestions('你好，我的订单什么时候发货？')).toEqual(['你好，我的订单什么时候发货']);
    expect(splitQuestions('How much is shipping? and also how do I get an invoice')).toHaveLength(2);
  });
});

describe('topicTerms', () => {
  it('keeps what a text is about: content words and their bigrams, no question or function words', () => {
    expect(topicTerms('钱什么时候退回来')).toEqual(['钱', '退回来', '退回', '回来']);
    expect(topicTerms('什么时候上班')).toEqual(['上班', '上班']);
    expect(topicTerms('How long does a refund take?')).toEqual(['refund']);
  });
});
