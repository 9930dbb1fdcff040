import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE, openTestEnv, signupWorkspace, type TestEnv } from '../../test/harness.js';
import type { KefuServer } from '../../app.js';
import { widgetVisitor } from '../../test/widget-visitor.js';
import { parseFlow, render } from './flow-definition.js';
import { advanceFlow, startFlow } from './flow-turn.js';

const SOURCE = (base: string) => `
slots:
  - name: orderNumber
    prompt: 请输入订单号
    pattern: '^KF[0-9]{4}$'
    error: 订单号格式不对。
request:
  url: '${base}/orders/{{slots.orderNumber}}'
  headers:
    Authorization: 'Bearer {{secret}}'
  timeoutMs: 2000
answer:
  text: '订单 {{response.number}}：{{response.status}}'
  buttons:
    - label: 物流详情
      url: '{{response.trackUrl}}'
onError:
  text: 没有查到这个订单。
`;

describe('flow definitions', () => {
  it('accepts a valid flow and names the problems of a bad one', () => {
    expect('definition' in parseFlow(SOURCE('https://shop.example'))).toBe(true);
    const json = JSON.stringify({
      slots: [],
      request: { url: 'https://x.example/a' },
      answer: { text: 'ok' },
    });
    expect('definition' in parseFlow(json)).toBe(true);
    const bad = (source: string) => {
      const r = parseFlow(source);
      return 'problems' in r ? r.problems : [];
    };
    expect(bad('slots: [')[0].message).toMatch(/not valid YAML/);
    expect(bad('slots: []\nrequest: { url: "https://a.example" }')[0].field).toBe('source');
    expect(bad(SOURCE('https://a.example').replace("'^KF[0-9]{4}$'", "'(['"))[0].field).toBe(
      'source.slots.0.pattern',
    );
    expect(bad(SOURCE('not a url'))[0].field).toBe('source.request.url');
    expect(
      bad(SOURCE('https://a.example').replace('{{slots.orderNumber}}', '{{slots.other}}'))[0].message,
    ).toMatch(/unknown slot/);
  });

  it('renders templates, escaping only what the customer typed', () => {
    const scope = { slots: { q: 'a/b c' }, secret: 's/1', kefu: { url: 'http://h:1' } };
    expect(render('{{kefu.url}}/x/{{slots.q}}?k={{secret}}', scope, encodeURIComponent)).toBe(
      'http://h:1/x/a%2Fb%20c?k=s/1',
    );
    expect(render('{{missing.path}}!', scope)).toBe('!');
  });

  it('asks each slot, re-asks a wrong answer, gives up after three', () => {
    const parsed = parseFlow(SOURCE('https://shop.example'));
    if (!('definition' in parsed)) throw new Error('invalid');
    const start = startFlow('f', parsed.definition);
    expect(start).toMatchObject({ kind: 'ask', prompt: '请输入订单号' });
    if (start.kind !== 'ask') return;
    const wrong = advanceFlow(start.state, parsed.definition, 'abc');
    expect(wrong).toMatchObject({ kind: 'retry', message: '订单号格式不对。' });
    if (wrong.kind !== 'retry') return;
    const again = advanceFlow(wrong.state, parsed.definition, 'x');
    if (again.kind !== 'retry') throw new Error('expected retry');
    expect(advanceFlow(again.state, parsed.definition, 'y')).toEqual({ kind: 'giveup' });
    expect(advanceFlow(start.state, parsed.definition, ' KF1234 ')).toMatchObject({
      kind: 'call',
      state: { values: { orderNumber: 'KF1234' }, calling: true },
    });
  });
});

describe(`task flows in the bot (${MODE})`, () => {
  let env: TestEnv;
  let server: KefuServer;
  let shop: http.Server;
  let shopUrl = '';
  const seen: { url: string; auth: string | undefined }[] = [];

  beforeAll(async () => {
    // the company's order API: a real HTTP server
    shop = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      const m = /^\/orders\/(KF\d{4})$/.exec(req.url ?? '');
      if (!m || m[1] === 'KF0000') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ number: m[1], status: '运输中', trackUrl: `https://track.example/${m[1]}` }));
    });
    await new Promise<void>((r) => shop.listen(0, '127.0.0.1', () => r()));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    env = await openTestEnv({ botAllowPrivateNetwork: true });
    server = await env.node();
  });
  afterAll(async () => {
    await env.close();
    await new Promise((r) => shop.close(r));
  });

  it('asks for the order number, rejects a malformed one, and answers from the API', async () => {
    const ws = await signupWorkspace(server, '流程测试', 'zh-CN');
    const inbox = (await ws.client.get('/api/v1/inboxes')).body.items[0];
    await ws.client.patch(`/api/v1/inboxes/${inbox.id}`, { settings: { bot: { enabled: true } } });
    const bad = await ws.client.post('/api/v1/bot/flows', {
      name: '坏流程',
      triggers: ['x'],
      source: 'slots: [',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('source');
    const created = await ws.client.post('/api/v1/bot/flows', {
      name: '查询订单状态',
      triggers: ['查订单', '我的订单到哪了', '查物流'],
      source: SOURCE(shopUrl),
      secret: 'shop-secret-123',
    });
    expect(created.status).toBe(201);
    expect(created.body.flow.hasSecret).toBe(true);
    expect(JSON.stringify(created.body)).not.toContain('shop-secret-123');
    const dup = await ws.client.post('/api/v1/bot/flows', {
      name: '查询订单状态',
      triggers: [],
      source: SOURCE(shopUrl),
    });
    expect(dup.status).toBe(409);

    // the trainer's test run
    const run = await ws.client.post(`/api/v1/bot/flows/${created.body.flow.id}/test`, {
      slots: { orderNumber: 'KF1234' },
    });
    expect(run.body).toMatchObject({ ok: true, status: 200, answer: { text: '订单 KF1234：运输中' } });
    expect(seen.at(-1)).toEqual({ url: '/orders/KF1234', auth: 'Bearer shop-secret-123' });

    // a visitor
    const { say, botReplies: bots } = await widgetVisitor(server, inbox.publicId);
    await say('帮我查物流');
    expect((await bots(1))[0].body).toBe('请输入订单号');
    await say('订单号是多少我忘了');
    expect((await bots(2))[1].body).toBe('订单号格式不对。\n请输入订单号');
    await say('KF4321');
    const answer = (await bots(3))[2];
    expect(answer.body).toBe('订单 KF4321：运输中');
    expect(answer.content.buttons[0]).toEqual({ label: '物流详情', url: 'https://track.example/KF4321' });

    // unknown order: the error path, with a person on offer
    await say('查订单');
    await bots(4);
    await say('KF0000');
    const missing = (await bots(5))[4];
    expect(missing.body).toBe('没有查到这个订单。');
    expect(missing.content.buttons[0].label).toBe('转人工');

    // cancelling mid-flow
    await say('查订单');
    await bots(6);
    await say('取消');
    expect((await bots(7))[6].body).toContain('已取消');
  });

  it('refuses private addresses unless the operator allows them', async () => {
    const strict = await env.node({ botAllowPrivateNetwork: false });
    const ws = await signupWorkspace(strict, '严格', 'zh-CN');
    const created = await ws.client.post('/api/v1/bot/flows', {
      name: '内网',
      triggers: ['内网'],
      source: SOURCE(shopUrl),
    });
    const run = await ws.client.post(`/api/v1/bot/flows/${created.body.flow.id}/test`, {
      slots: { orderNumber: 'KF1234' },
    });
    expect(run.body.ok).toBe(false);
    expect(run.body.error).toMatch(/private address/);
    expect(run.body.answer.text).toBe('没有查到这个订单。');
    await strict.close();
  });
});
