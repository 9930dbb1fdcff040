import { describe, expect, it } from 'vitest';
import { smallTalk, smallTalkReply } from './smalltalk.js';

const reply = (text: string) => {
  const chat = smallTalk(text);
  return chat ? smallTalkReply(chat.acts) : null;
};

// what each message gets as a reply
const REPLIES: Record<string, string[]> = {
  greeting: [
    '你好',
    '您好！',
    '在吗？',
    '你好，在吗',
    '亲，在不在呀',
    '有人吗??',
    'Hi',
    'hello there!',
    'Good morning 🙂',
    '请问在吗',
    '您好，请问有人在吗？',
    '在？',
    '老板在吗',
    '掌柜的在吗~',
    '再吗', // 在 mistyped by the pinyin input method
    'hey there',
  ],
  thanks: [
    '谢谢',
    '好的，谢谢！',
    '谢谢你啦',
    '非常感谢~',
    'Thanks!',
    'ok thank you',
    'thx',
    '谢谢👍🏻',
    '好的谢谢❤️',
    '3Q',
    '感恩',
  ],
  bye: [
    '晚安',
    'Thank you so much, good night!',
    '再见',
    '好的谢谢，拜拜',
    '没有了，谢谢',
    'bye',
    'Thanks, bye!',
  ],
  ack: ['好的', '嗯嗯', '知道了。', 'OK', 'got it', '好哒', '没问题'],
  identity: [
    '你是机器人吗？',
    '你好，你是谁',
    '你是真人吗',
    '是不是机器人啊',
    'Are you a bot?',
    'who are you',
    '你叫什么名字',
  ],
};

describe('small talk', () => {
  it('recognises greetings, thanks, goodbyes and acknowledgements in Chinese and English', () => {
    for (const [act, texts] of Object.entries(REPLIES))
      for (const text of texts) expect(reply(text), text).toBe(act);
    for (const text of ['不用了', '不需要，谢谢', 'no thanks']) expect(reply(text), text).not.toBe('ack');
    expect(smallTalk('不用了')!.acts).toContain('decline');
  });

  it('is not fooled by questions that start with a greeting or share its characters', () => {
    for (const text of [
      '你好，怎么退款',
      '好吃吗',
      '在吗我的快递到哪了',
      '请问怎么退款',
      '在哪里查物流',
      '老板，这个有货吗',
      '谢谢，另外运费多少',
      'hi, where is my order?',
      'history of my orders',
      'okay so how do I reset my password',
      'not now, but how do refunds work',
      '',
      '   ',
      '好'.repeat(50),
      '你是谁家的快递',
      'are you able to ship to canada',
    ])
      expect(smallTalk(text), text).toBeNull();
  });
});
