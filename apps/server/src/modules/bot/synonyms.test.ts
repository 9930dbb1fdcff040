import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE, openTestEnv, signupWorkspace, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';

const FAQS = [
  {
    question: '订单什么时候发货',
    similarQuestions: ['下单后多久发货', '几天能发货'],
    answer: { text: '24 小时内发货。' },
  },
  {
    question: '商品有质量问题怎么办',
    similarQuestions: ['收到的东西坏了', '东西有破损'],
    answer: { text: '申请售后。' },
  },
  { question: '怎么申请退款', similarQuestions: ['退款多久到账'], answer: { text: '订单详情里申请。' } },
];
const ASKED = '我买的东西啥时候能寄出来';

describe(`bot synonyms (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  beforeAll(async () => {
    env = await openTestEnv();
    server = await env.node();
  });
  afterAll(() => env.close());

  it('a synonym group teaches the bot that two words mean one thing, at once; editing and deleting it too', async () => {
    const { client } = await signupWorkspace(server, '同义词', 'zh-CN');
    for (const faq of FAQS) expect((await client.post('/api/v1/kb/faqs', faq)).status).toBe(201);
    const top = async () =>
      (await client.post('/api/v1/bot/test', { text: ASKED })).body.candidates[0]?.question;
    // 「东西」 pulls it towards the quality entry: the bot does not know 寄出 is 发货
    expect(await top()).toBe('商品有质量问题怎么办');

    const created = await client.post('/api/v1/bot/synonyms', { terms: [' 发货 ', '寄出', '寄出来'] });
    expect(created.status).toBe(201);
    expect(created.body.group.terms).toEqual(['发货', '寄出', '寄出来']);
    expect((await client.get('/api/v1/bot/synonyms')).body.items).toEqual([created.body.group]);
    expect(await top()).toBe('订单什么时候发货');
    expect((await client.post('/api/v1/bot/test', { text: ASKED })).body.readAs).toBe(
      '我买的东西啥时候能发货',
    );

    const id = created.body.group.id;
    const edited = await client.put(`/api/v1/bot/synonyms/${id}`, { terms: ['发货', '寄送'] });
    expect(edited.status).toBe(200);
    expect(edited.body.group.terms).toEqual(['发货', '寄送']);
    expect(await top()).toBe('商品有质量问题怎么办');
    expect(
      (await client.post('/api/v1/bot/test', { text: '什么时候寄送' })).body.candidates[0].question,
    ).toBe('订单什么时候发货');

    expect((await client.del(`/api/v1/bot/synonyms/${id}`)).status).toBe(204);
    expect((await client.get('/api/v1/bot/synonyms')).body.items).toEqual([]);
    expect((await client.del(`/api/v1/bot/synonyms/${id}`)).status).toBe(404);
    expect((await client.put(`/api/v1/bot/synonyms/${id}`, { terms: ['a', 'b'] })).status).toBe(404);
  });

  it('rejects bad groups naming the term at fault, and a word already in another group', async () => {
    const { client } = await signupWorkspace(server, '同义词校验', 'zh-CN');
    const bad = async (body: unknown) => {
      const res = await client.post('/api/v1/bot/synonyms', body);
      return { status: res.status, field: res.body.error?.details?.[0]?.field, code: res.body.error?.code };
    };
    expect(await bad({ terms: ['发货'] })).toMatchObject({ status: 400, field: 'terms' });
    expect(await bad({ terms: ['发货', '  '] })).toMatchObject({ status: 400, field: 'terms.1' });
    expect(await bad({ terms: ['Parcel', 'package', 'PARCEL'] })).toMatchObject({
      status: 400,
      field: 'terms.2',
    });
    expect(await bad({ terms: ['发货', 'x'.repeat(31)] })).toMatchObject({ status: 400 });
    expect(await bad({ terms: 'not a list' })).toMatchObject({ status: 400, field: 'terms' });
    expect(await bad({})).toMatchObject({ status: 400 });

    const first = await client.post('/api/v1/bot/synonyms', { terms: ['退款', '退钱'] });
    expect(first.status).toBe(201);
    const clash = await client.post('/api/v1/bot/synonyms', { terms: ['返现', '退钱'] });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('synonym_conflict');
    expect(clash.body.error.details[0]).toMatchObject({ field: 'terms.1', groupId: first.body.group.id });
    expect(clash.body.error.message).toContain('退款');
    // nothing half-written; a group may keep its own words when edited
    expect((await client.get('/api/v1/bot/synonyms')).body.items).toHaveLength(1);
    const id = first.body.group.id;
    expect((await client.put(`/api/v1/bot/synonyms/${id}`, { terms: ['退款', '退钱', '返现'] })).status).toBe(
      200,
    );
  });

  it('imports many groups all or nothing, naming every problem; replace swaps the whole list', async () => {
    const { client } = await signupWorkspace(server, '同义词导入', 'zh-CN');
    await client.post('/api/v1/bot/synonyms', { terms: ['退款', '退钱'] });
    const list = async () => (await client.get('/api/v1/bot/synonyms')).body.items.map((g: any) => g.terms);

    const bad = await client.post('/api/v1/bot/synonyms/import', {
      mode: 'add',
      groups: [['发货', '寄出'], ['只有一个'], ['快递', '物流', '快递'], ['返现', '退钱'], ['寄送', '寄出']],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.field)).toEqual([
      'groups.1',
      'groups.2.2',
      'groups.3.1',
      'groups.4.1',
    ]);
    expect(bad.body.error.details[2].message).toContain('退款');
    expect(await list()).toEqual([['退款', '退钱']]); // nothing half-imported

    const added = await client.post('/api/v1/bot/synonyms/import', {
      mode: 'add',
      groups: [
        [' 发货', '寄出 '],
        ['Parcel', 'package'],
      ],
    });
    expect(added.body).toEqual({ created: 2, deleted: 0 });
    expect(await list()).toEqual([
      ['退款', '退钱'],
      ['发货', '寄出'],
      ['Parcel', 'package'],
    ]);
    expect((await client.post('/api/v1/bot/test', { text: 'where is my package' })).status).toBe(200);

    const replaced = await client.post('/api/v1/bot/synonyms/import', {
      mode: 'replace',
      groups: [['发货', '寄出', '发出']],
    });
    expect(replaced.body).toEqual({ created: 1, deleted: 3 });
    expect(await list()).toEqual([['发货', '寄出', '发出']]);
    expect((await client.post('/api/v1/bot/synonyms/import', { mode: 'merge', groups: [] })).status).toBe(
      400,
    );
  });
});
