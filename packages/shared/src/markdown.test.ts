import { describe, expect, it } from 'vitest';
import { chatText, plainText } from './markdown.js';

describe('Markdown for snippets and chat', () => {
  it('plainText keeps the readable words only', () => {
    expect(plainText('现货 **24 小时内**发货。详见[发货时间](/help/demo/articles/shipping)')).toBe(
      '现货 24 小时内发货。详见发货时间',
    );
  });

  it('chatText spells links out, with site-relative addresses made absolute', () => {
    expect(
      chatText(
        '现货 **24 小时内**发货。详见[发货时间](/help/demo/articles/shipping)。\n![示意图](/uploads/a.png) [https://x.test](https://x.test)',
        'https://kefu.example/',
      ),
    ).toBe(
      '现货 24 小时内发货。详见发货时间 (https://kefu.example/help/demo/articles/shipping)。\nhttps://kefu.example/uploads/a.png https://x.test',
    );
    expect(chatText('see [docs](//evil.test/x)', 'https://kefu.example')).toBe('see docs (//evil.test/x)');
  });
});
