import { describe, expect, it } from 'vitest';
import { FaqMatcher } from './faq.js';
import { Synonyms } from './synonyms.js';

describe('synonyms', () => {
  it("rewrites every word of a group to the group's first word", () => {
    const s = new Synonyms([
      ['发货', '寄出', '发出'],
      ['parcel', 'package', 'Pkg'],
    ]);
    expect(s.rewrite('我的东西啥时候寄出？')).toBe('我的东西啥时候发货?');
    expect(s.rewrite('Where is my PACKAGE')).toBe('where is my parcel');
    expect(s.rewrite('pkg lost')).toBe('parcel lost');
    // Latin words only where they stand alone, or with a plural ending
    expect(s.rewrite('two packages, prepackaged')).toBe('two parcels, prepackaged');
    expect(s.rewrite('packaged')).toBe('packaged');
    expect(new Synonyms([['box', 'container']]).rewrite('containers')).toBe('boxs'); // stems to "box"
    // without synonyms the text is left as it is
    expect(new Synonyms([]).rewrite('  As Is ')).toBe('  As Is ');
  });

  it('reads the longest word first, and a word in two groups keeps its first', () => {
    const s = new Synonyms([
      ['退款', '退钱', '退回钱款'],
      ['余额', '钱'],
      ['收货', '退钱'],
    ]);
    expect(s.rewrite('退回钱款要多久')).toBe('退款要多久');
    expect(s.rewrite('退钱')).toBe('退款');
    expect(s.rewrite('我的钱')).toBe('我的余额');
  });

  it('lets the FAQ matcher meet a message and a question that use different words', () => {
    const entries = [
      { id: 'ship', questions: ['下单后多久发货', '订单什么时候发货', '几天能发货'] },
      { id: 'quality', questions: ['收到的东西坏了', '商品有质量问题怎么办', '东西有破损'] },
      { id: 'refund', questions: ['怎么申请退款', '退款多久到账'] },
      { id: 'invoice', questions: ['怎么开发票', '发票怎么申请'] },
    ];
    const text = '我买的东西啥时候能寄出来';
    const plain = FaqMatcher.train(entries);
    expect(plain.match(text).candidates[0].id).not.toBe('ship');
    const taught = FaqMatcher.train(entries, {}, [['发货', '寄出', '寄出来']]);
    const d = taught.match(text);
    expect(d.candidates[0].id).toBe('ship');
    expect(d.action).not.toBe('fallback');
    // candidates show the company's own wording, not the rewritten one
    expect(entries[0].questions).toContain(d.candidates[0].question);
    // kept through serialisation (a matcher trained on the training thread)
    const copy = FaqMatcher.deserialize(taught.serialize());
    expect(copy.match(text)).toEqual(d);
    // what the trainer's test console shows
    expect(taught.readAs(text)).toBe('我买的东西啥时候能发货');
    expect(taught.readAs('怎么开发票')).toBeNull();
    expect(plain.readAs(text)).toBeNull();
  });
});
