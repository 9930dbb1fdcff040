import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  MODE,
  eventually,
  openTestEnv,
  signupWorkspace,
  uniqueEmail,
  type TestEnv,
} from '../../test/harness.js';
import type { KefuServer } from '../../app.js';

describe(`knowledge base: categories, articles, FAQ entries (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let owner: Client;
  let tenantId: string;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    const ws = await signupWorkspace(server, 'KB 商城', 'zh-CN');
    owner = ws.client;
    tenantId = ws.tenant.id;
  });
  afterAll(() => env.close());

  const agentOf = async (ws: Client) => {
    const email = uniqueEmail('kb-agent');
    await ws.post('/api/v1/invitations', { email, role: 'agent' });
    const mail = await eventually(async () =>
      (await ws.get('/api/v1/mail-outbox')).body.items.find((m: any) => m.to === email),
    );
    const token = /token=([\w-]+)/.exec(mail.text)![1];
    const agent = new Client(server);
    const res = await agent.post('/api/v1/auth/invitations/accept', {
      token,
      name: '小李',
      password: 'agent password',
    });
    expect(res.status).toBeLessThan(300);
    return agent;
  };
  const eventsNamed = async (name: string) =>
    env.db.tenantTx(tenantId, (sql) =>
      sql.query(`SELECT payload FROM events WHERE tenant_id = $1 AND name = $2 ORDER BY seq`, [
        tenantId,
        name,
      ]),
    );

  it('keeps categories as a tree, refuses cycles and deleting a non-empty category', async () => {
    const top = await owner.post('/api/v1/kb/categories', { names: { 'zh-CN': '配送', en: 'Shipping' } });
    expect(top.status).toBe(201);
    const child = await owner.post('/api/v1/kb/categories', {
      names: { 'zh-CN': '运费' },
      parentId: top.body.category.id,
    });
    expect(child.status).toBe(201);
    expect(child.body.category.parentId).toBe(top.body.category.id);
    const list = await owner.get('/api/v1/kb/categories');
    const node = list.body.tree.find((c: any) => c.id === top.body.category.id);
    expect(node.children.map((c: any) => c.names['zh-CN'])).toEqual(['运费']);

    const cycle = await owner.patch(`/api/v1/kb/categories/${top.body.category.id}`, {
      parentId: child.body.category.id,
    });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe('category_cycle');
    const self = await owner.patch(`/api/v1/kb/categories/${top.body.category.id}`, {
      parentId: top.body.category.id,
    });
    expect(self.status).toBe(409);

    const nonEmpty = await owner.del(`/api/v1/kb/categories/${top.body.category.id}`);
    expect(nonEmpty.status).toBe(409);
    expect(nonEmpty.body.error.code).toBe('category_not_empty');
    expect(nonEmpty.body.error.details).toMatchObject({ children: 1 });

    const faq = await owner.post('/api/v1/kb/faqs', {
      question: '运费多少钱？',
      answer: { text: '满 99 元包邮' },
      categoryId: child.body.category.id,
    });
    expect((await owner.del(`/api/v1/kb/categories/${child.body.category.id}`)).body.error.code).toBe(
      'category_not_empty',
    );
    await owner.del(`/api/v1/kb/faqs/${faq.body.faq.id}`);
    expect((await owner.del(`/api/v1/kb/categories/${child.body.category.id}`)).status).toBe(204);
    expect((await owner.del(`/api/v1/kb/categories/${top.body.category.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/kb/categories/${top.body.category.id}`)).status).toBe(404);

    const nameless = await owner.post('/api/v1/kb/categories', { names: {} });
    expect(nameless.status).toBe(400);
    expect(nameless.body.error.details[0].field).toBe('names');
    const changes = (await eventsNamed('kb.category.changed')).map((e: any) => e.payload.action);
    expect(changes).toEqual(expect.arrayContaining(['created', 'deleted']));
  });

  it('creates, edits, publishes and deletes articles with a version per save', async () => {
    const created = await owner.post('/api/v1/kb/articles', {
      translations: { 'zh-CN': { title: '退货政策', bodyMd: '七天无理由退货。' } },
      tags: ['退货', '退货', ' '],
    });
    expect(created.status).toBe(201);
    const article = created.body.article;
    expect(article).toMatchObject({ status: 'draft', version: 1, tags: ['退货'], locales: ['zh-CN'] });
    expect(article.slug).toMatch(/^article-[0-9a-f]{6}$/);
    expect(article.translations['zh-CN'].bodyMd).toBe('七天无理由退货。');

    const edited = await owner.patch(`/api/v1/kb/articles/${article.id}`, {
      translations: { 'zh-CN': { title: '退货政策（新）', bodyMd: '十五天无理由退货。' } },
      slug: 'return-policy',
      note: '延长到 15 天',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.article).toMatchObject({ slug: 'return-policy', version: 2 });

    const published = await owner.post(`/api/v1/kb/articles/${article.id}/publish`);
    expect(published.body.article.status).toBe('published');
    expect(published.body.article.publishedAt).toBeTruthy();
    const drafts = await owner.get('/api/v1/kb/articles?status=draft');
    expect(drafts.body.items.map((a: any) => a.id)).not.toContain(article.id);
    const byTag = await owner.get(`/api/v1/kb/articles?tag=${encodeURIComponent('退货')}`);
    expect(byTag.body.items[0]).toMatchObject({ id: article.id, titles: { 'zh-CN': '退货政策（新）' } });
    expect((await owner.post(`/api/v1/kb/articles/${article.id}/unpublish`)).body.article.status).toBe(
      'draft',
    );

    const clash = await owner.post('/api/v1/kb/articles', {
      slug: 'return-policy',
      translations: { en: { title: 'Another', bodyMd: 'x' } },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('slug_taken');
    const derived = await owner.post('/api/v1/kb/articles', {
      translations: { en: { title: 'How to get an Invoice!', bodyMd: 'x' } },
    });
    expect(derived.body.article.slug).toBe('how-to-get-an-invoice');
    const empty = await owner.post('/api/v1/kb/articles', { translations: {} });
    expect(empty.status).toBe(400);

    expect((await owner.del(`/api/v1/kb/articles/${derived.body.article.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/kb/articles/${derived.body.article.id}`)).status).toBe(404);
    const actions = (await eventsNamed('kb.article.changed'))
      .filter((e: any) => e.payload.articleId === article.id)
      .map((e: any) => e.payload.action);
    expect(actions).toEqual(['created', 'updated', 'published', 'unpublished']);
  });

  it('keeps translations per locale and restores earlier versions', async () => {
    const { body } = await owner.post('/api/v1/kb/articles', {
      slug: 'invoice',
      translations: { 'zh-CN': { title: '如何开发票', bodyMd: '第一版', description: '发票说明' } },
    });
    const id = body.article.id;
    const en = await owner.put(`/api/v1/kb/articles/${id}/translations/en`, {
      title: 'Invoices',
      bodyMd: 'First version',
    });
    expect(en.status).toBe(200);
    expect(en.body.article.locales).toEqual(['zh-CN', 'en']);
    expect(en.body.article.translations['zh-CN'].description).toBe('发票说明');
    await owner.patch(`/api/v1/kb/articles/${id}`, {
      translations: { 'zh-CN': { title: '如何开发票', bodyMd: '第二版' } },
    });
    // a translation saved without a description keeps the one it had
    expect(
      (await owner.get(`/api/v1/kb/articles/${id}`)).body.article.translations['zh-CN'].description,
    ).toBe('发票说明');
    const bad = await owner.put(`/api/v1/kb/articles/${id}/translations/fr`, { title: 'x', bodyMd: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('locale');

    const removed = await owner.del(`/api/v1/kb/articles/${id}/translations/en`);
    expect(removed.body.article.locales).toEqual(['zh-CN']);
    const last = await owner.del(`/api/v1/kb/articles/${id}/translations/zh-CN`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_translation');
    expect((await owner.del(`/api/v1/kb/articles/${id}/translations/en`)).status).toBe(404);

    const versions = await owner.get(`/api/v1/kb/articles/${id}/versions`);
    expect(versions.body.items.map((v: any) => v.version)).toEqual([4, 3, 2, 1]);
    expect(versions.body.items[3]).toMatchObject({ note: 'created', createdBy: { name: 'Owner' } });
    const second = versions.body.items.find((v: any) => v.version === 2);
    expect(second.snapshot.translations.en.title).toBe('Invoices');

    const restored = await owner.post(`/api/v1/kb/articles/${id}/versions/${second.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.article.version).toBe(5);
    expect(restored.body.article.locales).toEqual(['zh-CN', 'en']);
    expect(restored.body.article.translations['zh-CN'].bodyMd).toBe('第一版');
    expect(restored.body.article.translations.en.bodyMd).toBe('First version');
    const after = await owner.get(`/api/v1/kb/articles/${id}/versions`);
    expect(after.body.items[0].note).toBe('restored version 2');
    const otherArticle = await owner.post('/api/v1/kb/articles', {
      translations: { en: { title: 'Other', bodyMd: 'x' } },
    });
    const wrong = await owner.post(
      `/api/v1/kb/articles/${otherArticle.body.article.id}/versions/${second.id}/restore`,
    );
    expect(wrong.status).toBe(404);
  });

  it('stores FAQ entries with similar questions, buttons, channel answers and validity dates', async () => {
    const created = await owner.post('/api/v1/kb/faqs', {
      question: ' 怎么开发票？ ',
      similarQuestions: ['能开发票吗', '能开发票吗', '怎么开发票？', ' ', '发票怎么申请'],
      answer: {
        text: '下单时选择电子发票，详见[发票说明](https://example.test/invoice)。',
        buttons: [
          { label: '转人工', reply: '转人工' },
          { label: '发票说明', url: 'https://example.test/invoice' },
        ],
      },
      channelAnswers: { wechat: { text: '在订单详情里申请发票哦～' } },
      tags: ['发票'],
      validFrom: '2020-01-01T00:00:00.000Z',
    });
    expect(created.status).toBe(201);
    const faq = created.body.faq;
    expect(faq).toMatchObject({
      question: '怎么开发票？',
      similarQuestions: ['能开发票吗', '发票怎么申请'],
      locale: 'zh-CN',
      enabled: true,
      active: true,
      channelAnswers: { wechat: { text: '在订单详情里申请发票哦～' } },
    });
    expect(faq.answer.buttons).toHaveLength(2);

    const dup = await owner.post('/api/v1/kb/faqs', { question: '怎么开发票？', answer: { text: 'x' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('faq_question_taken');
    const js = await owner.post('/api/v1/kb/faqs', {
      question: 'x',
      answer: { text: 'x', buttons: [{ label: 'bad', url: 'javascript:alert(1)' }] },
    });
    expect(js.status).toBe(400);
    const backwards = await owner.post('/api/v1/kb/faqs', {
      question: 'dates',
      answer: { text: 'x' },
      validFrom: '2030-01-02T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].field).toBe('validUntil');

    const expired = await owner.patch(`/api/v1/kb/faqs/${faq.id}`, { validUntil: '2021-01-01T00:00:00Z' });
    expect(expired.body.faq).toMatchObject({ active: false, question: '怎么开发票？', tags: ['发票'] });
    const disabled = await owner.patch(`/api/v1/kb/faqs/${faq.id}`, { enabled: false, validUntil: null });
    expect(disabled.body.faq).toMatchObject({ enabled: false, active: false, validUntil: null });
    const listed = await owner.get('/api/v1/kb/faqs?enabled=false');
    expect(listed.body.items.map((f: any) => f.id)).toEqual([faq.id]);
    expect((await owner.get(`/api/v1/kb/faqs/${faq.id}`)).body.faq.similarQuestions).toEqual([
      '能开发票吗',
      '发票怎么申请',
    ]);
    expect((await owner.del(`/api/v1/kb/faqs/${faq.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/kb/faqs/${faq.id}`)).status).toBe(404);
    const faqEvents = (await eventsNamed('kb.faq.changed')).filter((e: any) =>
      e.payload.faqIds.includes(faq.id),
    );
    expect(faqEvents.map((e: any) => e.payload.action)).toEqual(['created', 'updated', 'updated', 'deleted']);
  });

  it('lets every agent read and search, but only owners, admins and supervisors change it', async () => {
    await owner.post('/api/v1/kb/faqs', { question: '支持货到付款吗？', answer: { text: '暂不支持' } });
    const agent = await agentOf(owner);
    expect((await agent.get('/api/v1/kb/faqs')).status).toBe(200);
    expect((await agent.get('/api/v1/kb/articles')).status).toBe(200);
    expect((await agent.get('/api/v1/kb/categories')).status).toBe(200);
    expect((await agent.get(`/api/v1/kb/search?q=${encodeURIComponent('货到付款')}`)).body.items.length).toBe(
      1,
    );
    const denied = await agent.post('/api/v1/kb/faqs', { question: 'x', answer: { text: 'y' } });
    expect(denied.status).toBe(403);
    expect((await agent.post('/api/v1/kb/categories', { names: { en: 'x' } })).status).toBe(403);
    expect(
      (await agent.post('/api/v1/kb/faqs/import', { format: 'json', content: '[]', dryRun: true })).status,
    ).toBe(403);
  });
});
