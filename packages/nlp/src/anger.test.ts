import { describe, expect, it } from 'vitest';
import { detectAnger } from './anger.js';

describe('detectAnger', () => {
  it('flags angry Chinese messages', () => {
    expect(detectAnger('你们就是骗子，我要投诉！').angry).toBe(true);
    expect(detectAnger('气死我了，什么垃圾服务').angry).toBe(true);
  });
  it('flags angry English messages', () => {
    expect(detectAnger('This is ridiculous!!! Worst service ever').angry).toBe(true);
    expect(detectAnger('You are a SCAM, I WANT MY MONEY').angry).toBe(true);
  });
  it('leaves calm messages alone', () => {
    for (const t of [
      '请问什么时候发货？',
      '谢谢，问题解决了',
      'How do I reset my password?',
      'I have an issue with my order',
    ])
      expect(detectAnger(t).angry, t).toBe(false);
  });
  it('scores stronger anger higher', () => {
    expect(detectAnger('terrible!!! scam, I will sue').score).toBeGreaterThan(
      detectAnger('this is terrible').score,
    );
  });
});
