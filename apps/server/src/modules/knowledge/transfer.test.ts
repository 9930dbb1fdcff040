import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@kefu/nlp';
import { MODE, openTestEnv, signupWorkspace, type Client, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';
import { splitList } from './csv-io.js';

const csv = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');

describe(`FAQ import and export (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let owner: Client;
  let categoryId: string;
  const all = async () => (await owner.get('/api/v1/kb/faqs?limit=200')).body.items as any[];

  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    owner = (await signupWorkspace(server, 'Import shop', 'zh-CN')).client;
    const parent = await owner.post('/api/v1/kb/categories', {
      names: { 'zh-CN': '售后', en: 'After-sales' },
    });
    const child = await owner.post('/api/v1/kb/categories', {
      names: { 'zh-CN': '退款', en: 'Refunds' },
      parentId: parent.body.category.id,
    });
    categoryId = child.body.category.id;
  });
  afterAll(() => env.close());

  it('splits list cells on bars and line breaks, keeping escaped bars', () => {
    expect(splitList('a | b\\|c\nd|')).toEqual(['a', 'b|c', 'd']);
  });

  it('reports every bad row with its field and reason, and imports nothing', async () => {
    const content = csv([
      ['question', 'similar_questions', 'answer', 'category', 'enabled', 'valid_until'],
      ['怎么退款？', '我要退款|退钱', '在订单里申请售后', '售后/退款', 'true', ''],
      ['', '', '没有问题的答案', '', '', ''],
      ['发票怎么开？', '', '', '不存在的分类', 'maybe', 'next tuesday'],
      ['怎么退款？', '', '重复的问题', '', '', ''],
    ]);
    const res = await owner.post('/api/v1/kb/faqs/import', { format: 'csv', content });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_invalid');
    expect(res.body.imported).toBe(0);
    expect(res.body.errors).toEqual([
      { row: 3, field: 'question', reason: 'is required' },
      { row: 4, field: 'answer', reason: 'is required' },
      { row: 4, field: 'enabled', reason: 'must be true or false' },
      { row: 4, field: 'valid_until', reason: expect.stringContaining('not a date') },
      { row: 4, field: 'category', reason: expect.stringContaining('不存在的分类') },
      { row: 5, field: 'question', reason: 'the same standard question is in row 2' },
    ]);
    expect(await all()).toEqual([]);

    const json = await owner.post('/api/v1/kb/faqs/import', {
      format: 'json',
      content: JSON.stringify([
        { question: '好的', answer: 'ok' },
        { question: '坏的', answer: { text: 'x', buttons: [{ label: 'x', url: 'javascript:alert(1)' }] } },
        'not an object',
      ]),
    });
    expect(json.status).toBe(422);
    expect(json.body.errors).toEqual([
      { row: 2, field: 'answer.buttons.1.url', reason: 'must be an http(s) link' },
      { row: 3, field: 'row', reason: 'must be an object' },
    ]);
    expect(await all()).toEqual([]);
    const header = await owner.post('/api/v1/kb/faqs/import', {
      format: 'csv',
      content: 'questoin,answer\nx,y',
    });
    expect(header.body.errors).toEqual([
      { row: 1, field: 'questoin', reason: 'unknown column' },
      { row: 1, field: 'question', reason: 'missing column' },
    ]);
    const broken = await owner.post('/api/v1/kb/faqs/import', { format: 'json', content: '{"faqs": [' });
    expect(broken.status).toBe(422);
    expect(broken.body.errors[0].field).toBe('content');
  });

  it('imports a good CSV (Chinese headers, BOM) in one go, and a dry run writes nothing', async () => {
    const content =
      '\uFEFF' +
      csv([
        ['标准问题', '相似问法', '答案', '按钮', '分类', '标签', '失效时间'],
        [
          '怎么退款？',
          '我要退款 | 退钱怎么退\n不想要了能退吗',
          '在「我的订单」里申请售后。',
          '转人工|退款说明=https://example.test/refund',
          'After-sales / Refunds',
          '退款|售后',
          '',
        ],
        ['运费多少？', '', '满 99 元包邮，不满收 8 元。', '', '', '', '2099-12-31'],
      ]);
    const dry = await owner.post('/api/v1/kb/faqs/import', { format: 'csv', content, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ imported: 2, created: 2, updated: 0, dryRun: true, errors: [] });
    expect(await all()).toEqual([]);

    const res = await owner.post('/api/v1/kb/faqs/import', { format: 'csv', content });
    expect(res.body).toEqual({ imported: 2, created: 2, updated: 0, dryRun: false, errors: [] });
    const faqs = await all();
    const refund = faqs.find((f) => f.question === '怎么退款？');
    expect(refund).toMatchObject({
      similarQuestions: ['我要退款', '退钱怎么退', '不想要了能退吗'],
      categoryId,
      tags: ['退款', '售后'],
      answer: {
        buttons: [{ label: '转人工' }, { label: '退款说明', url: 'https://example.test/refund' }],
      },
    });
    expect(faqs.find((f) => f.question === '运费多少？').validUntil).toBe('2099-12-31T00:00:00.000Z');
    const events = await env.db.system.query(
      `SELECT payload FROM events WHERE name = 'kb.faq.changed' AND payload->>'action' = 'imported'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload.faqIds).toHaveLength(2);
  });

  it('exports CSV with a BOM and JSON, and both round-trip with Chinese text', async () => {
    await owner.post('/api/v1/kb/faqs', {
      question: '=公式会被执行吗, "引号"',
      similarQuestions: ['含有|竖线的问法', '第二个'],
      answer: { text: '多行\n答案，带逗号', buttons: [{ label: '去看看', reply: '看看' }] },
      channelAnswers: { wechat: { text: '微信里的答案' } },
      enabled: false,
    });
    const before = await all();
    const exported = await owner.get('/api/v1/kb/faqs/export?format=csv');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="faqs-.*\.csv"/);
    const text = exported.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text);
    expect(rows[0].slice(0, 4)).toEqual(['id', 'question', 'similar_questions', 'answer']);
    const formula = rows.find((r) => r[1].includes('公式'))!;
    expect(formula[1]).toBe(`'=公式会被执行吗, "引号"`); // neutralised for spreadsheets
    expect(formula[2]).toBe('含有\\|竖线的问法 | 第二个');
    expect(rows.find((r) => r[1] === '怎么退款？')![5]).toBe('售后/退款');

    // edit in the "spreadsheet", import back: entries are updated in place, nothing is duplicated
    const edited = text.replace('满 99 元包邮，不满收 8 元。', '满 88 元包邮。');
    const back = await owner.post('/api/v1/kb/faqs/import', { format: 'csv', content: edited });
    expect(back.body).toMatchObject({ imported: 3, created: 0, updated: 3 });
    const after = await all();
    expect(after).toHaveLength(before.length);
    const strip = (f: any) => ({ ...f, updatedAt: undefined, answer: { ...f.answer, text: undefined } });
    const byId = (list: any[]) => Object.fromEntries(list.map((f) => [f.id, strip(f)]));
    // CSV carries channel answers as text only; everything else is as before
    expect(byId(after)).toEqual(byId(before));
    expect(after.find((f) => f.question === '运费多少？').answer.text).toBe('满 88 元包邮。');
    expect(after.find((f) => f.question.includes('公式')).answer.text).toBe('多行\n答案，带逗号');

    const json = await owner.get('/api/v1/kb/faqs/export?format=json');
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.body.faqs).toHaveLength(3);
    const round = await owner.post('/api/v1/kb/faqs/import', {
      format: 'json',
      content: JSON.stringify(json.body),
    });
    expect(round.body).toMatchObject({ imported: 3, updated: 3 });
    expect(byId(await all())).toEqual(byId(after));
  });

  it('accepts an uploaded file, UTF-8 or GB18030 as Excel saves it', async () => {
    const upload = (body: Buffer, filename: string, fields: Record<string, string> = {}) => {
      const boundary = '----kefu' + Math.random().toString(16).slice(2);
      const parts = [
        ...Object.entries(fields).map(
          ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
        ),
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
      ];
      const payload = Buffer.concat([
        Buffer.from(parts.join('')),
        body,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return owner.request('POST', '/api/v1/kb/faqs/import/file', payload, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
    };
    // "question,answer\n优惠券怎么用？,结算时选择优惠券" in GB18030
    const gbk = Buffer.from(
      '7175657374696f6e2c616e737765720ad3c5bbddc8afd4f5c3b4d3c3a3bf2cbde1cbe3cab1d1a1d4f1d3c5bbddc8af0a',
      'hex',
    );
    const dry = await upload(gbk, 'faqs.csv', { dryRun: 'true' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ imported: 1, created: 1, dryRun: true });
    const res = await upload(gbk, 'faqs.csv');
    expect(res.body).toMatchObject({ imported: 1, created: 1 });
    expect(
      (await all()).some((f) => f.question === '优惠券怎么用？' && f.answer.text === '结算时选择优惠券'),
    ).toBe(true);
    const json = await upload(
      Buffer.from(JSON.stringify([{ question: '怎么联系人工？', answer: '点击转人工' }])),
      'x.json',
    );
    expect(json.body).toMatchObject({ imported: 1 });
    const bad = await upload(Buffer.from('question,answer\n,只有答案\n'), 'bad.csv');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ row: 2, field: 'question' });
    const notMultipart = await owner.post('/api/v1/kb/faqs/import/file', {});
    expect(notMultipart.status).toBeGreaterThanOrEqual(400);
    expect(notMultipart.status).toBeLessThan(500);
  });
  it('imports and exports articles with their languages, all or nothing', async () => {
    const bad = await owner.post('/api/v1/kb/articles/import', {
      format: 'csv',
      content: csv([
        ['slug', 'status', 'category', 'title_zh', 'body_zh', 'title_en', 'body_en'],
        [
          'refund-guide',
          'published',
          '售后/退款',
          '退款指南',
          '## 步骤\n1. 申请售后',
          'Refund guide',
          'Steps…',
        ],
        ['Bad Slug', 'draft', '', '标题', '正文', '', ''],
        ['no-title', 'maybe', '', '', '只有正文', '', ''],
      ]),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { row: 3, field: 'slug', reason: 'use lower-case letters, digits and dashes' },
      { row: 4, field: 'status', reason: 'must be draft or published' },
      { row: 4, field: 'title_zh', reason: 'is required' },
    ]);
    expect((await owner.get('/api/v1/kb/articles')).body.items).toEqual([]);

    const good = await owner.post('/api/v1/kb/articles/import', {
      format: 'csv',
      content: csv([
        ['slug', 'status', 'category', 'tags', 'title_zh', 'body_zh', 'title_en', 'body_en'],
        [
          'refund-guide',
          'published',
          '售后/退款',
          '退款|售后',
          '退款指南',
          '## 步骤\n1. 申请售后',
          'Refund guide',
          'Steps…',
        ],
        ['draft-note', '', '', '', '草稿，含逗号', '正文', '', ''],
      ]),
    });
    expect(good.body).toMatchObject({ imported: 2, created: 2, updated: 0 });
    const list = (await owner.get('/api/v1/kb/articles')).body.items;
    const guide = list.find((a: any) => a.slug === 'refund-guide');
    expect(guide).toMatchObject({
      status: 'published',
      categoryId,
      tags: ['退款', '售后'],
      locales: ['zh-CN', 'en'],
    });
    expect(list.find((a: any) => a.slug === 'draft-note').status).toBe('draft');

    const exported = await owner.get('/api/v1/kb/articles/export?format=csv');
    expect((exported.body as string).charCodeAt(0)).toBe(0xfeff);
    const edited = (exported.body as string).replace('Steps…', 'New steps');
    const back = await owner.post('/api/v1/kb/articles/import', { format: 'csv', content: edited });
    expect(back.body).toMatchObject({ imported: 2, created: 0, updated: 2 });
    const article = (await owner.get(`/api/v1/kb/articles/${guide.id}`)).body.article;
    expect(article.translations.en.bodyMd).toBe('New steps');
    expect(article.translations['zh-CN'].bodyMd).toBe('## 步骤\n1. 申请售后');
    const versions = (await owner.get(`/api/v1/kb/articles/${guide.id}/versions`)).body.items;
    expect(versions[0]).toMatchObject({ version: 2, note: 'imported' });

    const json = await owner.get('/api/v1/kb/articles/export?format=json');
    expect(json.body.articles).toHaveLength(2);
    const round = await owner.post('/api/v1/kb/articles/import', {
      format: 'json',
      content: JSON.stringify(json.body),
    });
    expect(round.body).toMatchObject({ imported: 2, updated: 2 });
    expect((await owner.get('/api/v1/kb/articles')).body.items).toHaveLength(2);
  });
});
