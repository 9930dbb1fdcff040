import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE, openTestEnv, signupWorkspace, type Client, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';
import { highlightHtml, orTsQuery, plainText, queryTokens, snippetHtml } from './text.js';
import { synonymReadings } from './search.js';

describe('search text helpers', () => {
  it('drops stop words and lone Chinese characters from a query unless nothing else is left', () => {
    expect(queryTokens('我的退款到现在还没到账')).not.toContain('到');
    expect(queryTokens('账')).toEqual(['账']);
    expect(queryTokens('我想问一下怎么申请退款')).toEqual(expect.arrayContaining(['申请', '退款']));
    expect(queryTokens('我想问一下怎么申请退款')).not.toContain('怎么');
    expect(queryTokens('how')).toEqual(['how']);
    expect(queryTokens('Refunds for orders')).toEqual(
      expect.arrayContaining(['refunds', 'refund', 'orders']),
    );
  });

  it('quotes tokens for an OR tsquery', () => {
    expect(orTsQuery(["don't", '退款'])).toBe("'don''t' | '退款'");
    expect(orTsQuery([])).toBeNull();
  });

  it('escapes HTML and marks Chinese and English matches', () => {
    expect(highlightHtml('<b>退款</b> & refunds', ['退款', 'refund'])).toBe(
      '&lt;b&gt;<mark>退款</mark>&lt;/b&gt; &amp; <mark>refunds</mark>',
    );
    // short English words only match whole words; matches never split inside an escaped entity
    expect(highlightHtml('this is it', ['is'])).toBe('this <mark>is</mark> it');
    expect(highlightHtml('a "quote"', ['quot'])).toBe('a &quot;<mark>quote</mark>&quot;');
    const long = `${'前'.repeat(300)}发票${'后'.repeat(300)}`;
    const snippet = snippetHtml(long, ['发票']);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>发票</mark>');
    expect(snippet.length).toBeLessThan(200);
  });

  it("reads a query through the company's synonyms", () => {
    const groups = [
      ['发货', '寄出', '发出'],
      ['card', 'Debit card'],
    ];
    expect(synonymReadings('啥时候寄出', groups)).toEqual(['啥时候寄出', '啥时候发货', '啥时候发出']);
    expect(synonymReadings('My Card', groups)).toEqual(['my card', 'my debit card']);
    expect(synonymReadings('two cards', groups)).toEqual(['two cards', 'two debit cards']);
    // Latin words only whole; nothing to swap → the query alone
    expect(synonymReadings('cardboard box', groups)).toEqual(['cardboard box']);
    expect(synonymReadings('退款', [])).toEqual(['退款']);
  });

  it('reduces Markdown to readable text', () => {
    expect(plainText('## 标题\n\n- **粗体** [链接](https://x.test) ![图](a.png)\n> 引用')).toBe(
      '标题 粗体 链接 图 引用',
    );
  });
});

describe(`knowledge search (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let owner: Client;
  const search = async (q: string, extra = '') =>
    (await owner.get(`/api/v1/kb/search?q=${encodeURIComponent(q)}${extra}`)).body.items as any[];

  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    owner = (await signupWorkspace(server, 'Search shop', 'zh-CN')).client;
    const faqs = [
      {
        question: '退款多久到账？',
        similarQuestions: ['钱什么时候退回来', '退款还没收到'],
        answer: { text: '审核通过后 1–3 个工作日原路退回。' },
      },
      {
        question: '怎么修改收货地址？',
        similarQuestions: ['地址填错了怎么办', '下单后可以换地址吗'],
        answer: { text: '发货前可在订单详情里修改地址。' },
      },
      {
        question: '支持哪些付款方式？',
        similarQuestions: ['可以用微信支付吗'],
        answer: { text: '支持微信支付、支付宝和信用卡。' },
      },
      {
        locale: 'en',
        question: 'How do I reset my password?',
        similarQuestions: ['I forgot my password'],
        answer: { text: 'Use the "Forgot password" link on the sign-in page.' },
      },
      {
        question: '旧活动',
        answer: { text: '已结束的双十一活动。' },
        validUntil: '2020-01-01T00:00:00Z',
      },
    ];
    for (const f of faqs) expect((await owner.post('/api/v1/kb/faqs', f)).status).toBe(201);
    const article = await owner.post('/api/v1/kb/articles', {
      slug: 'shipping',
      translations: {
        'zh-CN': {
          title: '发货时间与配送时效',
          bodyMd: '现货商品在付款后 **24 小时内**发货。运费满 99 元包邮。',
        },
        en: {
          title: 'Shipping times',
          bodyMd: 'In-stock items ship within 24 hours. Shipping is free from ¥99.',
        },
      },
    });
    expect(article.status).toBe(201);
    await owner.post('/api/v1/kb/articles', {
      slug: 'draft',
      translations: { 'zh-CN': { title: '草稿：发货新规', bodyMd: '还没发布' } },
    });
  });
  afterAll(() => env.close());

  it('finds a FAQ entry asked with different words through shared tokens', async () => {
    const items = await search('我的退款到现在还没到账');
    expect(items[0]).toMatchObject({ type: 'faq', title: '退款多久到账？' });
    expect(items[0].titleHtml).toContain('<mark>退款</mark>');
    const address = await search('收货地址写错了能改吗');
    expect(address[0].title).toBe('怎么修改收货地址？');
    // the similar question that matches best is named
    const wechat = await search('能用微信付吗');
    expect(wechat[0]).toMatchObject({ title: '支持哪些付款方式？', matchedQuestion: '可以用微信支付吗' });
  });

  it('searches article titles and bodies in Chinese and English with highlighted snippets', async () => {
    const zh = await search('多久发货', '&type=articles');
    expect(zh[0]).toMatchObject({ type: 'article', slug: 'shipping', locale: 'zh-CN' });
    expect(zh[0].snippetHtml).toContain('<mark>发货</mark>');
    const en = await search('shipping fees');
    expect(en[0]).toMatchObject({ type: 'article', locale: 'en', title: 'Shipping times' });
    expect(en[0].titleHtml).toBe('<mark>Shipping</mark> times');
    const password = await search('forgotten passwords', '&type=faqs&locale=en');
    expect(password[0]).toMatchObject({ type: 'faq', title: 'How do I reset my password?' });
    expect(password[0].snippetHtml).toContain('<mark>password</mark>');
    // agents see drafts and expired entries too (marked), the help center does not
    expect((await search('发货新规')).map((h) => h.status)).toContain('draft');
    expect((await search('双十一'))[0]).toMatchObject({ type: 'faq', enabled: true });
  });

  it("finds what the company's synonyms say is the same thing, marking it", async () => {
    expect((await search('啥时候寄出', '&type=articles')).map((h) => h.slug)).not.toContain('shipping');
    const group = await owner.post('/api/v1/bot/synonyms', { terms: ['发货', '寄出'] });
    expect(group.status).toBe(201);
    const hits = await search('啥时候寄出', '&type=articles');
    expect(hits[0]).toMatchObject({ slug: 'shipping' });
    expect(hits[0].titleHtml).toContain('<mark>发货</mark>');
    await owner.del(`/api/v1/bot/synonyms/${group.body.group.id}`);
  });

  it('falls back to substring matching and escapes what it returns', async () => {
    const partial = await search('包邮');
    expect(partial.some((h) => h.slug === 'shipping')).toBe(true);
    await owner.post('/api/v1/kb/faqs', {
      question: '<img src=x onerror=alert(1)>',
      answer: { text: '<script>x</script>' },
    });
    const xss = await search('<img src=x');
    expect(xss[0].titleHtml).not.toContain('<img');
    expect(xss[0].titleHtml).toContain('&lt;');
    expect(xss[0].snippetHtml).not.toContain('<script>');
    expect(await search('完全无关的词语 zzzqqq')).toEqual([]);
    expect((await owner.get('/api/v1/kb/search?q=')).status).toBe(400);
  });
});
