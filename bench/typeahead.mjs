#!/usr/bin/env node
// The widget's typeahead (输入联想, GET /api/v1/widget/bot/typeahead) against a real `kefu serve` node in embedded
// mode: the demo workspace plus 1,000 imported FAQ entries (5 questions each), then what visitors type — one
// character, a few, a whole question, nonsense — asked one at a time and 20 at a time. Latency per request,
// measured at the client over HTTP on the same machine.
// Usage: npm run build && node bench/typeahead.mjs [--no-write]. Prints JSON and appends a section to BENCHMARKS.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendToBenchmarks, freePort, report, requireBuiltServer, root, sleep } from './lib.mjs';

const write = !process.argv.includes('--no-write');
requireBuiltServer();

const PRODUCTS = Array.from(
  { length: 100 },
  (_, i) =>
    `${['保温杯', '蓝牙耳机', '机械键盘', '登山包', '电饭煲', '空气炸锅', '瑜伽垫', '台灯', '行李箱', '咖啡机'][i % 10]}${Math.floor(i / 10) + 1}号`,
);
const ASKS = [
  ['{p}多少钱', '{p}的价格是多少', '{p}现在什么价', '{p}有没有优惠', '{p}贵不贵'],
  ['{p}什么时候发货', '{p}多久能寄出', '{p}今天下单几天发', '{p}发货慢吗', '{p}几号发货'],
  ['{p}怎么退货', '{p}不想要了能退吗', '{p}七天无理由吗', '{p}退货运费谁出', '{p}退了钱多久到'],
  ['{p}保修多久', '{p}坏了怎么办', '{p}有质保吗', '{p}维修在哪', '{p}能换新吗'],
  ['{p}有哪些颜色', '{p}有几种颜色', '{p}有黑色吗', '{p}颜色能选吗', '{p}有白色的吗'],
  ['{p}尺寸是多少', '{p}多大', '{p}有多重', '{p}规格参数', '{p}体积大吗'],
  ['{p}怎么用', '{p}使用说明', '{p}第一次怎么用', '{p}说明书在哪', '{p}操作难吗'],
  ['{p}有现货吗', '{p}还有货吗', '{p}什么时候补货', '{p}缺货吗', '{p}库存多少'],
  ['{p}能开发票吗', '{p}发票怎么开', '{p}能开专票吗', '{p}发票抬头怎么写', '{p}电子发票'],
  ['{p}支持分期吗', '{p}能花呗吗', '{p}可以信用卡吗', '{p}分期免息吗', '{p}怎么付款'],
];
const entries = PRODUCTS.flatMap((p) =>
  ASKS.map(([question, ...similar]) => ({
    question: question.replaceAll('{p}', p),
    similarQuestions: similar.map((s) => s.replaceAll('{p}', p)),
    answer: { text: `关于${p}：请看商品详情页。` },
  })),
);
const TYPED = [
  '退',
  '发票',
  '保温杯3号',
  '蓝牙耳机7号多少钱',
  '怎么',
  '什么时候发货',
  'xyz',
  '退货运费谁出',
  '咖',
  '颜色',
];

const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-typeahead-'));
const child = spawn(process.execPath, [path.join(root, 'apps/server/bin/kefu.js'), 'serve'], {
  env: {
    ...process.env,
    DATABASE_URL: '',
    REDIS_URL: '',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WIDGET_RATE_LIMIT_PER_MINUTE: '100000000',
    WIDGET_SESSION_RATE_LIMIT_PER_MINUTE: '100000000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
try {
  for (let t = performance.now(); ; await sleep(100)) {
    if ((await fetch(`${url}/readyz`).catch(() => null))?.status === 200) break;
    if (performance.now() - t > 120_000 || child.exitCode !== null) throw new Error('server did not start');
  }
  // the demo's owner imports the entries
  const csrfRes = await fetch(`${url}/api/v1/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: csrfCookie },
    body: JSON.stringify({ email: 'owner@demo.kefu.local', password: 'kefu-demo-owner' }),
  });
  const cookie = [csrfCookie, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
  const api = (method, p, body) =>
    fetch(`${url}/api/v1${p}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
      body: body && JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const imported = await api('POST', '/kb/faqs/import', { format: 'json', content: JSON.stringify(entries) });
  if (imported.status !== 200)
    throw new Error(`import failed: ${JSON.stringify(imported.body).slice(0, 300)}`);
  let faqCount = 0;
  for (let cursor = ''; ;) {
    const page = (await api('GET', `/kb/faqs?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
    faqCount += page.items.length;
    if (!page.nextCursor) break;
    cursor = encodeURIComponent(page.nextCursor);
  }
  const inbox = (await api('GET', '/inboxes')).body.items.find((i) => i.channel === 'website');
  const session = await fetch(`${url}/api/v1/widget/inboxes/${inbox.publicId}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  }).then((r) => r.json());
  const ask = async (q) => {
    const t = performance.now();
    const res = await fetch(`${url}/api/v1/widget/bot/typeahead?q=${encodeURIComponent(q)}`, {
      headers: { 'x-visitor-token': session.visitorToken },
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`typeahead ${q}: ${res.status}`);
    return { ms: performance.now() - t, n: body.items.length };
  };
  // the first request starts training the bot on the new base; until it is trained, typing gets nothing
  const started = performance.now();
  const first = await ask('退');
  while ((await ask('退')).n === 0) await sleep(500);
  const readyMs = performance.now() - started;
  const pct = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  const serial = [];
  for (let i = 0; i < 500; i++) serial.push((await ask(TYPED[i % TYPED.length])).ms);
  const concurrent = [];
  for (let round = 0; round < 25; round++)
    concurrent.push(...(await Promise.all(TYPED.concat(TYPED).map((q) => ask(q)))).map((r) => r.ms));
  const round = (v) => Math.round(v * 100) / 100;
  const results = {
    entries: faqCount,
    firstRequestMs: round(first.ms),
    readyAfterMs: Math.round(readyMs),
    serial: {
      n: serial.length,
      p50Ms: round(pct(serial, 50)),
      p95Ms: round(pct(serial, 95)),
      p99Ms: round(pct(serial, 99)),
    },
    concurrent20: {
      n: concurrent.length,
      p50Ms: round(pct(concurrent, 50)),
      p95Ms: round(pct(concurrent, 95)),
      p99Ms: round(pct(concurrent, 99)),
    },
  };
  const out = report(results);
  if (write) {
    appendToBenchmarks([
      '',
      `### Widget typeahead (输入联想) — ${out.date.slice(0, 16).replace('T', ' ')} UTC`,
      '',
      `Machine: ${out.machine}. Command: \`node bench/typeahead.mjs\`. One \`kefu serve\` node, embedded mode; the demo workspace with ${results.entries} FAQ entries (1,000 imported, 5 questions each); \`GET /api/v1/widget/bot/typeahead\` over HTTP on the same machine, for 10 typed texts (one character to a whole question, and nonsense). The first request (${results.firstRequestMs} ms, nothing offered) started the bot's training on the new base; suggestions came ${(results.readyAfterMs / 1000).toFixed(1)} s later, when it was trained.`,
      '',
      '| requests | p50 | p95 | p99 |',
      '| -------- | --: | --: | --: |',
      `| one at a time (${results.serial.n}) | ${results.serial.p50Ms} ms | ${results.serial.p95Ms} ms | ${results.serial.p99Ms} ms |`,
      `| 20 at a time (${results.concurrent20.n}) | ${results.concurrent20.p50Ms} ms | ${results.concurrent20.p95Ms} ms | ${results.concurrent20.p99Ms} ms |`,
      '',
    ]);
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
