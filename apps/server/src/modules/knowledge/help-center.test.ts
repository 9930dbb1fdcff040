import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, MODE, openTestEnv, signupWorkspace, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';
import { negotiateLocale } from './help-center.routes.js';
import { renderMarkdown } from './markdown.js';

describe('help center helpers', () => {
  it('picks the language from ?lang, then Accept-Language by weight, then the workspace default', () => {
    expect(negotiateLocale({ lang: 'en' }, 'zh-CN', 'zh-CN')).toBe('en');
    expect(negotiateLocale({ lang: 'fr' }, 'fr-FR, en;q=0.5, zh;q=0.9', 'en')).toBe('zh-CN');
    expect(negotiateLocale({}, 'de, en-US;q=0.8', 'zh-CN')).toBe('en');
    expect(negotiateLocale({}, 'de', 'en')).toBe('en');
    expect(negotiateLocale({ lang: ['en', 'zh'] }, undefined, 'zh-CN')).toBe('zh-CN');
  });

  it('renders Markdown without raw HTML or script links, and videos as players or links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![v](https://cdn.test/a.mp4) [yt](https://www.youtube.com/watch?v=abc) https://cdn.test/b.mp4',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<video controls preload="metadata" src="https://cdn.test/a.mp4">');
    expect(html).toContain('<video controls preload="metadata" src="https://cdn.test/b.mp4">');
    expect(html).toMatch(
      /<a href="https:\/\/www\.youtube\.com\/watch\?v=abc" rel="nofollow noopener noreferrer" class="video-link">/,
    );
  });
});

describe(`public help center (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let owner: Client;
  let slug: string;
  let base: string;
  let categoryId: string;
  let articleId: string;
  const page = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    const ws = await signupWorkspace(server, '好物<商城>', 'zh-CN');
    owner = ws.client;
    slug = ws.tenant.slug;
    base = `/help/${slug}`;
    const parent = await owner.post('/api/v1/kb/categories', {
      names: { 'zh-CN': '售后服务', en: 'After-sales' },
      descriptions: { 'zh-CN': '退货与退款' },
    });
    const child = await owner.post('/api/v1/kb/categories', {
      names: { 'zh-CN': '退款', en: 'Refunds' },
      parentId: parent.body.category.id,
    });
    categoryId = child.body.category.id;
    const article = await owner.post('/api/v1/kb/articles', {
      slug: 'refunds',
      categoryId,
      status: 'published',
      translations: {
        'zh-CN': {
          title: '退款说明 <script>alert("t")</script>',
          description: '退款多久到账',
          bodyMd:
            '## 到账时间\n\n退款 1–3 个工作日到账。\n\n<img src=x onerror=alert(1)>\n\n[视频](https://cdn.test/guide.mp4)',
        },
        en: { title: 'Refunds', bodyMd: 'Refunds arrive within **3 working days**.' },
      },
    });
    articleId = article.body.article.id;
    await owner.post('/api/v1/kb/articles', {
      slug: 'secret-draft',
      categoryId,
      translations: { 'zh-CN': { title: '未发布的草稿退款', bodyMd: '内部' } },
    });
    await owner.post('/api/v1/kb/articles', {
      slug: 'english-only',
      status: 'published',
      translations: { en: { title: 'English only', bodyMd: 'Only in English.' } },
    });
    await owner.post('/api/v1/kb/faqs', {
      question: '退款多久到账？',
      similarQuestions: ['钱什么时候退回来'],
      answer: { text: '1–3 个**工作日**。' },
      categoryId,
    });
    await owner.post('/api/v1/kb/faqs', {
      question: '停用的退款问题',
      answer: { text: '不应出现' },
      categoryId,
      enabled: false,
    });
  });
  afterAll(() => env.close());

  it('serves the home page with categories, search, popular articles and proper meta tags', async () => {
    const res = await page(base);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>好物&lt;商城&gt; 帮助中心</title>');
    expect(html).toMatch(/<meta name="description" content="[^"]+">/);
    expect(html).toContain(`<link rel="canonical" href="http://localhost:3000/help/${slug}">`);
    expect(html).toContain('<meta property="og:title"');
    expect(html).toContain('hreflang="en"');
    expect(html).toContain('售后服务');
    // a category counts the articles of its subcategories too
    expect(html).toMatch(/售后服务<\/strong>.*?1 篇文章/s);
    expect(html).toContain(`action="/help/${slug}/search"`);
    expect(html).toContain('退款说明 &lt;script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('未发布的草稿');

    const en = await page(base, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Help center');
    expect(en.body).toContain('After-sales');
    expect(en.body).toContain(`<link rel="canonical" href="http://localhost:3000/help/${slug}?lang=en">`);
    expect((await page(`${base}?lang=en`)).body).toContain('How can we help?');
    const slash = await page(`${base}/?lang=en`);
    expect(slash.statusCode).toBe(301);
    expect(slash.headers.location).toBe(`${base}?lang=en`);
  });

  it('renders a published article safely, in the chosen language, and hides drafts', async () => {
    const res = await page(`${base}/articles/refunds`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h2>到账时间</h2>');
    expect(html).toContain(
      '<title>退款说明 &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; · 好物&lt;商城&gt; 帮助中心</title>',
    );
    expect(html).toContain('<meta name="description" content="退款多久到账">');
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).not.toContain('<script');
    expect(html).toContain('<video controls preload="metadata" src="https://cdn.test/guide.mp4">');
    expect(html).toContain(`href="/help/${slug}/categories/${categoryId}?lang=zh-CN"`);
    expect(html).toContain('这篇文章对你有帮助吗？');
    expect(res.headers['set-cookie']).toMatch(/kefu_hc=[0-9a-f]{32}/);
    // what to read next: other published articles (never drafts, never the article itself)
    const related = html.slice(html.indexOf('<section class="related">'));
    expect(related).toContain('<h2>相关文章</h2>');
    expect(related).toContain(`href="/help/${slug}/articles/english-only?lang=zh-CN"`);
    expect(related).not.toContain('secret-draft');
    expect(related).not.toContain('/articles/refunds?');
    expect(html).not.toContain('聊天按钮'); // no chat on this help center (yet)

    const en = await page(`${base}/articles/refunds?lang=en`);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('<strong>3 working days</strong>');
    expect(en.body).toContain('Was this article helpful?');
    // an article without the chosen language falls back and says so
    const fallback = await page(`${base}/articles/english-only?lang=zh-CN`);
    expect(fallback.statusCode).toBe(200);
    expect(fallback.body).toContain('本文暂无中文版本');
    expect(fallback.body).toContain('<article class="doc" lang="en">');

    for (const url of [
      `${base}/articles/secret-draft`,
      `${base}/articles/nope`,
      `${base}/categories/not-an-id`,
      `${base}/whatever`,
    ]) {
      const missing = await page(url);
      expect(missing.statusCode, url).toBe(404);
      expect(missing.body).toContain('页面不存在');
    }
    const unknown = await page('/help/no-such-workspace-xyz', { 'accept-language': 'en' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('<html lang="en">');
    expect(unknown.body).toContain('Page not found');
    expect((await page('/help')).statusCode).toBe(404);
  });

  it('never shows another workspace’s articles under this workspace’s address', async () => {
    const other = await signupWorkspace(server, 'Other shop', 'en');
    await other.client.post('/api/v1/kb/articles', {
      slug: 'other-secret',
      status: 'published',
      translations: { en: { title: 'Other workspace secret', bodyMd: 'refunds secret' } },
    });
    expect((await page(`${base}/articles/other-secret`)).statusCode).toBe(404);
    expect((await page(`${base}/search?q=secret`)).body).not.toContain('Other workspace secret');
    expect((await page(`/help/${other.tenant.slug}/articles/other-secret`)).statusCode).toBe(200);
    expect((await page(`/help/${other.tenant.slug}/articles/refunds`)).statusCode).toBe(404);
  });

  it('lists a category’s subcategories, articles and active FAQ entries', async () => {
    const res = await page(`${base}/categories/${categoryId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>退款</h1>');
    expect(res.body).toContain('售后服务'); // breadcrumb
    expect(res.body).toContain('退款多久到账？');
    expect(res.body).toContain('<strong>工作日</strong>');
    expect(res.body).not.toContain('停用的退款问题');
    expect(res.body).not.toContain('未发布的草稿');
  });

  it('searches published articles and active FAQ entries with highlighted matches', async () => {
    const res = await page(`${base}/search?q=${encodeURIComponent('退款什么时候到账')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<meta name="robots" content="noindex">');
    expect(res.body).toContain('<mark>退款</mark>');
    expect(res.body).toContain(`href="/help/${slug}/articles/refunds?lang=zh-CN"`);
    expect(res.body).toContain('<summary><mark>退款</mark>多久到账？</summary>');
    expect(res.body).not.toContain('未发布的草稿');
    expect(res.body).not.toContain('停用的退款问题');
    const xss = await page(`${base}/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(xss.statusCode).toBe(200);
    expect(xss.body).not.toContain('<script>alert');
    expect((await page(`${base}/search?q=zzzqqq&lang=en`)).body).toContain('Nothing found');
    // Chinese words typed into the English page still find the Chinese FAQ entry
    const en = await page(`${base}/search?lang=en&q=${encodeURIComponent('钱什么时候退回来')}`);
    expect(en.body).toContain('到账？</summary>');
    expect((await page(`${base}/search`)).statusCode).toBe(200);
  });

  it('lists published articles in sitemap.xml', async () => {
    const res = await page(`${base}/sitemap.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(res.body).toContain(`<loc>http://localhost:3000/help/${slug}/articles/refunds</loc>`);
    expect(res.body).toContain(`<loc>http://localhost:3000/help/${slug}/articles/refunds?lang=en</loc>`);
    expect(res.body).toContain(`<loc>http://localhost:3000/help/${slug}/articles/english-only?lang=en</loc>`);
    expect(res.body).toContain(`/help/${slug}/categories/${categoryId}</loc>`);
    expect(res.body).not.toContain('secret-draft');
  });

  it('counts "was this helpful?" once per visitor, from a form or JSON', async () => {
    const visitor = new Client(server);
    await visitor.get(`${base}/articles/refunds`);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const first = await visitor.request(
      'POST',
      `${base}/articles/refunds/feedback?lang=zh-CN`,
      'helpful=yes',
      form,
    );
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`${base}/articles/refunds?feedback=thanks&lang=zh-CN#feedback`);
    await visitor.request('POST', `${base}/articles/refunds/feedback`, 'helpful=yes', form);
    const helpful = async () => (await owner.get(`/api/v1/kb/articles/${articleId}`)).body.article.helpful;
    expect(await helpful()).toEqual({ yes: 1, no: 0 });
    // changing one's mind replaces the vote
    await visitor.request('POST', `${base}/articles/refunds/feedback`, 'helpful=no', form);
    expect(await helpful()).toEqual({ yes: 0, no: 1 });

    const thanks = await visitor.get(`${base}/articles/refunds?feedback=thanks`);
    expect(thanks.body).toContain('感谢你的反馈！');

    // a script without the cookie: counted once per address and browser
    const json = (body: unknown) =>
      server.app.inject({
        method: 'POST',
        url: `${base}/articles/refunds/feedback`,
        payload: body as any,
        headers: { 'user-agent': 'curl/8' },
      });
    const a = await json({ helpful: true });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ ok: true, helpful: true });
    const b = await json({ helpful: true });
    expect(b.json().counts).toEqual({ yes: 1, no: 1 });
    expect((await json({ helpful: 'maybe' })).statusCode).toBe(400);
    expect((await json({ helpful: true, x: 1 })).statusCode).toBe(200);
    const draft = await server.app.inject({
      method: 'POST',
      url: `${base}/articles/secret-draft/feedback`,
      payload: { helpful: true },
    });
    expect(draft.statusCode).toBe(404);
    expect(draft.json().error.code).toBe('article_not_found');
  });

  it('shows the chat of the website inbox the workspace puts on its help center, and only then allows scripts', async () => {
    const inbox = (await owner.get('/api/v1/inboxes')).body.items[0];
    const widgetConfig = () =>
      server.app.inject({
        method: 'GET',
        url: `/api/v1/widget/inboxes/${inbox.publicId}/config`,
        headers: { 'x-kefu-origin': 'http://localhost:3000' },
      });
    // the inbox only allows the shop's own site: not the help center yet
    const shopOnly = { allowedDomains: ['shop.example.com'] };
    expect((await owner.patch(`/api/v1/inboxes/${inbox.id}`, { settings: shopOnly })).status).toBe(200);
    let home = await page(base);
    expect(home.body).not.toContain('<script');
    expect(home.headers['content-security-policy']).not.toContain('script-src');
    expect((await widgetConfig()).statusCode).toBe(403);

    const on = { ...shopOnly, helpCenter: true };
    expect((await owner.patch(`/api/v1/inboxes/${inbox.id}`, { settings: on })).status).toBe(200);
    home = await page(`${base}?lang=en`);
    expect(home.body).toContain(
      `<script src="/widget.js" data-inbox="${inbox.publicId}" data-locale="en" async></script>`,
    );
    expect(home.headers['content-security-policy']).toContain("script-src 'self'; frame-src 'self'");
    const withChat = (await page(`${base}/articles/refunds`)).body;
    expect(withChat).toContain('data-locale="zh-CN"');
    expect(withChat).toContain('点页面角落的聊天按钮');
    // the help center, on Kefu's own address, may now open this inbox's chat; other sites still may not
    expect((await widgetConfig()).statusCode).toBe(200);
    const elsewhere = await server.app.inject({
      method: 'GET',
      url: `/api/v1/widget/inboxes/${inbox.publicId}/config`,
      headers: { 'x-kefu-origin': 'https://evil.example' },
    });
    expect(elsewhere.statusCode).toBe(403);
    expect((await page('/help/no-such-workspace')).body).not.toContain('<script');
    expect(
      (await owner.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { helpCenter: 'yes' } })).status,
    ).toBe(400);
  });
});
