import { describe, expect, it } from 'vitest';
import { Synonyms } from '@kefu/nlp';
import { clusterWordings } from './workbench.js';

const wording = (text: string, count: number, day = 1) => ({
  text,
  count,
  lastAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  conversationId: `c-${text}`,
  faq: null,
});

describe('workbench: wordings of one question are gathered', () => {
  it('groups paraphrases under the most frequent wording, adds the counts and keeps the latest conversation', () => {
    const groups = clusterWordings([
      wording('有自行车卖吗', 3, 2),
      wording('你们卖不卖自行车', 2, 9),
      wording('你们几点上班', 1, 3),
      wording('什么时候上班', 4, 4),
      wording('钱什么时候退回来', 1, 5),
      wording('火星上有外卖吗', 1, 6),
    ]);
    expect(groups.map((g) => [g.text, g.count])).toEqual([
      ['有自行车卖吗', 5],
      ['什么时候上班', 5],
      ['火星上有外卖吗', 1],
      ['钱什么时候退回来', 1],
    ]);
    expect(groups[0].variants).toEqual([{ text: '你们卖不卖自行车', count: 2 }]);
    expect(groups[0].conversationId).toBe('c-你们卖不卖自行车');
    expect(groups[0].lastAt).toBe('2026-11-09T10:00:00.000Z');
    // sharing 「什么时候」 does not make 「钱什么时候退回来」 a question about working hours
    expect(groups[1].variants.map((v) => v.text)).toEqual(['你们几点上班']);
  });

  it('keeps unrelated questions apart, in English too', () => {
    const groups = clusterWordings([
      wording('do you sell gift cards', 2),
      wording('gift cards for sale?', 1),
      wording('how long does a refund take', 1),
      wording('how long does delivery take', 1),
      wording('where is my parcel', 1),
    ]);
    expect(groups).toHaveLength(4);
    expect(groups[0].variants.map((v) => v.text)).toEqual(['gift cards for sale?']);
    expect(clusterWordings([])).toEqual([]);
  });

  it("reads wordings through the company's synonyms", () => {
    const items = [wording('啥时候寄出', 2), wording('什么时候发货呀', 1)];
    expect(clusterWordings(items)).toHaveLength(2);
    const groups = clusterWordings(items, new Synonyms([['发货', '寄出']]));
    expect(groups.map((g) => [g.text, g.count])).toEqual([['啥时候寄出', 3]]);
    expect(groups[0].variants.map((v) => v.text)).toEqual(['什么时候发货呀']);
  });
});
