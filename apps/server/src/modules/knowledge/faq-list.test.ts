import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE, openTestEnv, signupWorkspace, type Client, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';

/** Every page of a list, following nextCursor; fails on a repeated entry. */
async function allPages(client: Client, url: string) {
  const ids: string[] = [];
  const questions: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await client.get(`${url}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    for (const f of res.body.items) {
      expect(ids).not.toContain(f.id);
      ids.push(f.id);
      questions.push(f.question);
    }
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { ids, questions, pages };
}

describe(`FAQ list: text filter, categories, paging (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let owner: Client;
  let other: Client;
  let parentId: string;
  let childId: string;
  const list = async (query: string, client: Client = owner) => {
    const res = await client.get(`/api/v1/kb/faqs?${query}`);
    expect(res.status).toBe(200);
    return res.body.items as any[];
  };
  const questionsOf = async (query: string, client: Client = owner) =>
    (await list(query, client)).map((f) => f.question);
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
    owner = (await signupWorkspace(server, '搜索商城', 'zh-CN')).client;
    other = (await signupWorkspace(server, 'Other shop', 'zh-CN')).client;
    parentId = (await owner.post('/api/v1/kb/categories', { names: { 'zh-CN': '售后' } })).body.category.id;
    childId = (await owner.post('/api/v1/kb/categories', { names: { 'zh-CN': '退款' }, parentId })).body
      .category.id;
    const faqs = [
      {
        question: '退款多久到账？',
        similarQuestions: ['钱什么时候退回来', '退款还没收到'],
        answer: { text: '审核通过后 1–3 个工作日原路退回。' },
        categoryId: childId,
        tags: ['退款'],
      },
      {
        question: '怎么申请退款',
        similarQuestions: ['我要退货退款'],
        answer: { text: '在订单详情页点「申请退款」。' },
        categoryId: parentId,
      },
      {
        question: '运费怎么算',
        similarQuestions: ['包邮吗'],
        answer: { text: '满 99 元包邮，退款时运费不退。' },
        enabled: false,
      },
      {
        question: '怎么开发票',
        similarQuestions: ['能开增值税发票吗'],
        answer: { text: '下单时选择电子发票。' },
      },
      {
        question: 'How do I get a refund?',
        similarQuestions: ['Where is my money back'],
        answer: { text: 'Refunds reach your card within 3 working days.' },
        locale: 'en',
      },
      {
        question: 'Where is my parcel?',
        similarQuestions: ['track my order'],
        answer: { text: 'Use the tracking number in your shipping e-mail.' },
        locale: 'en',
      },
    ];
    for (const f of faqs) expect((await owner.post('/api/v1/kb/faqs', f)).status).toBe(201);
    // newer entries that fill the first pages of the unfiltered list
    const filler = Array.from({ length: 30 }, (_, i) => ({
      question: `会员等级说明 ${i + 1}`,
      answer: `第 ${i + 1} 级会员的权益。`,
    }));
    const imported = await owner.post('/api/v1/kb/faqs/import', {
      format: 'json',
      content: JSON.stringify(filler),
    });
    expect(imported.body.imported).toBe(30);
    // the other workspace asks about the same things
    for (const question of ['退款多久到账？', '退款进度怎么查']) {
      await other.post('/api/v1/kb/faqs', { question, answer: { text: '其他商城的退款答案。' } });
    }
  });
  afterAll(() => env.close());

  it('finds an entry beyond the first page by its question, similar questions or answer (zh)', async () => {
    expect(await questionsOf('limit=10')).not.toContain('退款多久到账？');
    // jieba words: the standard question asked in other words
    const hits = await questionsOf(`${q('我的退款还没到账')}&limit=10`);
    expect(hits[0]).toBe('退款多久到账？');
    expect(hits).toEqual(expect.arrayContaining(['怎么申请退款', '运费怎么算']));
    expect(hits.some((h) => h.startsWith('会员等级'))).toBe(false);
    // a similar question, a substring segmentation does not produce, the answer
    expect((await questionsOf(q('钱什么时候退')))[0]).toBe('退款多久到账？');
    expect(await questionsOf(q('增值税'))).toEqual(['怎么开发票']);
    expect(await questionsOf(q('原路退回'))).toEqual(['退款多久到账？']);
    expect(await questionsOf(q('权益'))).toHaveLength(30);
  });

  it('finds English entries by word stems and phrases', async () => {
    expect(await questionsOf(q('refunds'))).toEqual(['How do I get a refund?']);
    expect(await questionsOf(q('Tracking number'))).toEqual(['Where is my parcel?']);
    expect(await questionsOf(q('money back'))).toEqual(['How do I get a refund?']);
    expect(await questionsOf(q('parcel'))).toEqual(['Where is my parcel?']);
  });

  it('combines the text with the other filters', async () => {
    expect(await questionsOf(`${q('退款')}&locale=en`)).toEqual([]);
    expect(await questionsOf(`${q('refund')}&locale=en`)).toEqual(['How do I get a refund?']);
    expect(await questionsOf(`${q('退款')}&enabled=false`)).toEqual(['运费怎么算']);
    expect(await questionsOf(`${q('退款')}&tag=${encodeURIComponent('退款')}`)).toEqual(['退款多久到账？']);
    expect(await questionsOf(`${q('退款')}&categoryId=${parentId}`)).toEqual(['怎么申请退款']);
    expect(
      (await questionsOf(`${q('退款')}&categoryId=${parentId}&includeSubcategories=true`)).sort(),
    ).toEqual(['怎么申请退款', '退款多久到账？'].sort());
    expect((await questionsOf(`${q('退款')}&uncategorized=true`)).sort()).toEqual(['运费怎么算']);
  });

  it('filters by a category with its subcategories, or entries without one', async () => {
    expect((await questionsOf(`categoryId=${parentId}&includeSubcategories=true`)).sort()).toEqual(
      ['怎么申请退款', '退款多久到账？'].sort(),
    );
    expect(await questionsOf(`categoryId=${childId}&includeSubcategories=true`)).toEqual(['退款多久到账？']);
    const none = await list('uncategorized=true&limit=200');
    expect(none).toHaveLength(34);
    expect(none.every((f) => f.categoryId === null)).toBe(true);
  });

  it('pages through matches with the cursor: each once, most relevant first', async () => {
    const whole = await list(`${q('退款')}&limit=200`);
    expect(whole.length).toBe(3);
    const paged = await allPages(owner, `/api/v1/kb/faqs?${q('退款')}&limit=1`);
    expect(paged.pages).toBe(3);
    expect(paged.ids).toEqual(whole.map((f) => f.id));
    // a standard question containing the words ranks above an entry that only mentions them in its answer
    expect(paged.questions.indexOf('退款多久到账？')).toBeLessThan(paged.questions.indexOf('运费怎么算'));

    // equally relevant entries imported in one transaction (same time): the id breaks the tie
    const filler = await allPages(owner, `/api/v1/kb/faqs?${q('会员')}&limit=7`);
    expect(filler.ids).toHaveLength(30);
    expect(filler.pages).toBe(5);
    // without text: newest first, as before
    const plain = await allPages(owner, '/api/v1/kb/faqs?limit=8');
    expect(plain.ids).toHaveLength(36);
    expect(plain.questions.slice(0, 30).every((x) => x.startsWith('会员等级说明'))).toBe(true);
  });

  it('treats a blank text as no filter, and refuses a text over 200 characters or a foreign cursor', async () => {
    expect(await list(`${q('   ')}&limit=200`)).toHaveLength(36);
    const long = await owner.get(`/api/v1/kb/faqs?${q('退'.repeat(201))}`);
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('validation_failed');
    expect(long.body.error.details).toEqual([expect.objectContaining({ field: 'q' })]);
    // a cursor of the unfiltered list does not page a text search (and the other way round)
    const plainCursor = (await owner.get('/api/v1/kb/faqs?limit=1')).body.nextCursor;
    const mixed = await owner.get(`/api/v1/kb/faqs?${q('退款')}&cursor=${plainCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const rankedCursor = (await owner.get(`/api/v1/kb/faqs?${q('退款')}&limit=1`)).body.nextCursor;
    expect((await owner.get(`/api/v1/kb/faqs?cursor=${rankedCursor}`)).status).toBe(200);
    expect((await owner.get(`/api/v1/kb/faqs?${q('%_\\')}`)).body.items).toEqual([]);
  });

  it("never matches another workspace's entries", async () => {
    const mine = await list(`${q('退款多久到账')}&limit=200`);
    const theirs = await list(`${q('退款多久到账')}&limit=200`, other);
    expect(theirs.map((f) => f.question).sort()).toEqual(['退款多久到账？', '退款进度怎么查'].sort());
    expect(theirs.every((f) => f.answer.text === '其他商城的退款答案。')).toBe(true);
    const mineIds = new Set(mine.map((f) => f.id));
    expect(theirs.some((f) => mineIds.has(f.id))).toBe(false);
    expect(mine.some((f) => f.answer.text === '其他商城的退款答案。')).toBe(false);
    // words only the first workspace has find nothing in the other one
    expect(await list(q('原路退回'), other)).toEqual([]);
    expect(await list(q('refund'), other)).toEqual([]);
    // nor with the first workspace's category as a filter
    expect(await list(`${q('退款')}&categoryId=${parentId}&includeSubcategories=true`, other)).toEqual([]);
  });
});
