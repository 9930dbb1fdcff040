import { afterAll, describe, expect, it } from 'vitest';
import { FaqMatcher } from '@kefu/nlp';
import { PRODUCTS, shopFaqs as base } from '../../test/shop-faqs.js';
import { INLINE_MAX_QUESTIONS, stopTrainingThread, trainMatcher } from './trainer.js';

describe('FAQ training off the main thread', () => {
  afterAll(() => stopTrainingThread());

  it('trains a larger base on the training thread, to the same decisions as inline training', async () => {
    const entries = base();
    expect(entries.flatMap((e) => e.questions).length).toBeGreaterThan(INLINE_MAX_QUESTIONS);
    const { matcher, where } = await trainMatcher(entries);
    expect(where).toBe('thread');
    const inline = FaqMatcher.train(entries);
    for (const text of ['蓝牙耳机多少钱啊', '台灯坏了能修吗', '咖啡机想退货', '今天天气怎么样']) {
      const [a, b] = [inline.match(text), matcher.match(text)];
      expect(b.action, text).toBe(a.action);
      expect(b.candidates.map((c) => c.id)).toEqual(a.candidates.map((c) => c.id));
    }
    expect(matcher.match('蓝牙耳机多少钱啊').candidates[0].id).toBe('e1-0');
  });

  it("takes the company's synonyms to the training thread", async () => {
    const { matcher, where } = await trainMatcher(base(), [['蓝牙耳机', '无线耳麦']]);
    expect(where).toBe('thread');
    expect(matcher.match('无线耳麦多少钱啊').candidates[0].id).toBe('e1-0');
    expect((await trainMatcher(base())).matcher.match('无线耳麦多少钱啊').candidates[0]?.id).not.toBe('e1-0');
  });

  it('keeps the event loop free while it trains', async () => {
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const more = [...PRODUCTS, '电动牙刷', '吹风机', '投影仪', '扫地机器人', '加湿器'].flatMap((p) => [
      p,
      `${p}Pro`,
    ]);
    const { where } = await trainMatcher(base(more));
    spinning = false;
    expect(where).toBe('thread');
    // inline, the whole training would have run inside one turn of the loop
    expect(turns).toBeGreaterThan(1);
  });

  it('trains a tiny base inline', async () => {
    const { matcher, where } = await trainMatcher([
      { id: 'a', questions: ['怎么开发票'] },
      { id: 'b', questions: ['运费多少钱'] },
    ]);
    expect(where).toBe('inline');
    expect(matcher.match('怎么开发票？').candidates[0].id).toBe('a');
  });

  it('reports a failed training and recovers, also after the thread was stopped', async () => {
    const broken = Array.from({ length: INLINE_MAX_QUESTIONS + 1 }, (_, i) => ({
      id: `x${i}`,
      questions: [null as unknown as string],
    }));
    await expect(trainMatcher(broken)).rejects.toThrow(/training failed/);
    expect((await trainMatcher(base(PRODUCTS.slice(0, 5)))).where).toBe('thread');
    await stopTrainingThread();
    expect((await trainMatcher(base(PRODUCTS.slice(0, 5)))).where).toBe('thread');
  });
});
