#!/usr/bin/env node
// Live-chat message-path benchmark: N visitors and M agents as real Socket.IO clients against a real
// `kefu serve` node; visitors post widget messages at a stepped, open-loop rate over N open conversations and
// we time each message from just before its POST until an agent socket receives its `message.created`.
// Beside it: a bare database baseline (the same writes per message in a loop at the same concurrency), and
// 5,000 idle widget sockets on one node with the server's RSS before and after.
// Runs embedded mode and, when DATABASE_URL and REDIS_URL are set, scaled mode (fresh database, own
// REDIS_PREFIX, both removed afterwards).
// Usage: npm run build && node bench/message-path.mjs [--visitors 1000] [--agents 5] [--step 10]
//          [--rates-scaled 250,500,…] [--rates-embedded 100,200,…] [--idle 5000] [--profile auto|always|never]
// Prints JSON and appends a dated section to BENCHMARKS.md (skip with --no-append).
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io as connectSocket } from 'socket.io-client';
import { freePort, requireBuiltServer, root, rssMb as rssMbOf, sleep } from './lib.mjs';

// one client process holds every socket: raise the open-files soft limit to the hard limit (re-exec via bash)
const [, softFiles] = /Max open files\s+(\d+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8')) ?? [];
if (Number(softFiles) < 16_384 && !process.env.KEFU_BENCH_REEXEC) {
  const child = spawn(
    'bash',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, KEFU_BENCH_REEXEC: '1' } },
  );
  child.on('exit', (code) => process.exit(code ?? 1));
  await new Promise(() => {});
}

const { values } = parseArgs({
  options: {
    visitors: { type: 'string', default: '1000' },
    'visitors-embedded': { type: 'string' },
    agents: { type: 'string', default: '5' },
    step: { type: 'string', default: '10' },
    'rates-scaled': { type: 'string', default: '250,500,750,1000,1250,1500,2000,2500' },
    'rates-embedded': { type: 'string', default: '100,200,300,400,500,600,800' },
    idle: { type: 'string', default: '5000' },
    'baseline-concurrency': { type: 'string', default: '10' },
    profile: { type: 'string', default: 'auto' },
    modes: { type: 'string', default: 'embedded,scaled' },
    'no-append': { type: 'boolean', default: false },
    // continue past a failed step while the node still delivers ≥ 80 % of the offered rate (capacity search)
    'keep-going': { type: 'boolean', default: false },
    // extra steps that halve the gap between the last good and the first failed rate
    refine: { type: 'string', default: '2' },
    // a failed step during which other processes used more than this % of a core is retried (up to twice)
    'noisy-pct': { type: 'string', default: '25' },
  },
});
const visitorsScaled = Number(values.visitors);
const visitorsEmbedded = Number(values['visitors-embedded'] ?? values.visitors);
const agents = Number(values.agents);
const stepSeconds = Number(values.step);
const idleTarget = Number(values.idle);
const baselineConcurrency = Number(values['baseline-concurrency']);
const refineSteps = Number(values.refine);
const noisyPct = Number(values['noisy-pct']);
const noisyRetries = 2;
const rates = {
  scaled: values['rates-scaled'].split(',').map(Number),
  embedded: values['rates-embedded'].split(',').map(Number),
};
const targets = { scaled: { rate: 1000, p99Ms: 100 }, embedded: { rate: 300, p99Ms: 200 } };
const modes = values.modes.split(',');
const bin = path.join(root, 'apps/server/bin/kefu.js');
requireBuiltServer();
const log = (...args) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

// ---------------------------------------------------------------------------------------------- helpers
const rssMb = (pid) => rssMbOf(pid, 1);
/** utime + stime of a process in seconds. */
const cpuSeconds = (pid) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/**
 * The database processes working for the bench (scaled mode): the PostgreSQL backends connected to its
 * database, PostgreSQL's WAL writer, checkpointer and background writer, and the local redis-server. Other
 * databases' backends (say, someone's test run) are not counted. Set per mode; none in embedded mode.
 */
let databasePids = async () => [];
/** CPU seconds per pid now (pids that have gone are left out). */
const cpuByPid = (pids) => {
  const by = new Map();
  for (const pid of pids) {
    try {
      by.set(pid, cpuSeconds(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return by;
};
/** CPU seconds used between two cpuByPid readings by the processes present in both. */
const cpuBetween = (a, b) => [...b].reduce((sum, [pid, v]) => sum + (a.has(pid) ? v - a.get(pid) : 0), 0);
const redisPids = () =>
  fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('redis-server');
      } catch {
        return false;
      }
    });
/** Busy and total jiffies of the whole machine. */
const machineCpu = () => {
  const [, ...nums] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = nums[3] + (nums[4] ?? 0);
  const total = nums.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
};
// Loaded into the server (--import): on SIGUSR2 a full garbage collection, then its memory figures into a
// file, so the idle-socket figures are not at the mercy of when V8 last collected.
const memoryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-mem-'));
const memoryHook = path.join(memoryDir, 'hook.mjs');
fs.writeFileSync(
  memoryHook,
  `import fs from 'node:fs';
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  fs.writeFileSync(process.env.KEFU_BENCH_MEMORY_FILE, JSON.stringify(process.memoryUsage()));
});
`,
);
process.on('exit', () => fs.rmSync(memoryDir, { recursive: true, force: true }));

/** The server's memory right after a full GC: RSS (from /proc) and V8 heap used, in MB. */
async function serverMemory(node) {
  // twice, a few seconds apart: pages freed by the first collection take a moment to leave the RSS
  for (let round = 0; round < 2; round++) {
    fs.rmSync(node.memoryFile, { force: true });
    process.kill(node.pid, 'SIGUSR2');
    for (let i = 0; i < 100 && !fs.existsSync(node.memoryFile); i++) await sleep(50);
    await sleep(3000);
  }
  const usage = JSON.parse(fs.readFileSync(node.memoryFile, 'utf8'));
  return { rssMb: rssMb(node.pid), heapMb: Math.round((usage.heapUsed / 2 ** 20) * 10) / 10 };
}
/** Waits until the server and its databases have worked off the last step (each < 10 % of a core for 1 s), ≤ 60 s. */
async function settle(serverPid) {
  const pids = [serverPid, ...(await databasePids())];
  for (let i = 0; i < 60; i++) {
    const before = cpuByPid(pids);
    await sleep(1000);
    const after = cpuByPid(pids);
    const server = cpuBetween(new Map([[serverPid, before.get(serverPid)]]), after);
    if (server < 0.1 && cpuBetween(before, after) - server < 0.1) return;
  }
}
/** Waits (≤ 3 min) until processes other than the bench's use less than `noisyPct` % of a core for 5 s. */
async function quietMachine(serverPid) {
  const ours = async () => [serverPid, process.pid, ...(await databasePids())];
  for (let i = 0; i < 36; i++) {
    const pids = await ours();
    const m0 = machineCpu();
    const c0 = cpuByPid(pids);
    await sleep(5000);
    const m1 = machineCpu();
    const busy = ((m1.busy - m0.busy) / (m1.total - m0.total)) * os.cpus().length * 100;
    const other = busy - (cpuBetween(c0, cpuByPid(pids)) / 5) * 100;
    if (other < noisyPct) return;
  }
}
const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
const round1 = (n) => (n === null ? null : Math.round(n * 10) / 10);
const round2 = (n) => Math.round(n * 100) / 100;

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
/** A keep-alive JSON request; resolves { status, body, headers } (never rejects on HTTP status). */
function request(base, method, pathname, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      `${base}${pathname}`,
      {
        method,
        agent,
        headers: {
          accept: 'application/json',
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode, body: parsed, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------- the server
async function startNode(env, { cpuProfDir } = {}) {
  const port = await freePort();
  const memoryFile = path.join(memoryDir, `${port}.json`);
  const nodeArgs = [
    '--expose-gc',
    `--import=${pathToFileURL(memoryHook).href}`,
    ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
  ];
  // through bash so the node may hold many sockets (soft limit raised to the hard limit)
  const child = spawn(
    'bash',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      ...nodeArgs,
      bin,
      'serve',
    ],
    {
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        KEFU_BENCH_MEMORY_FILE: memoryFile,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        WIDGET_RATE_LIMIT_PER_MINUTE: '100000000',
        WIDGET_SESSION_RATE_LIMIT_PER_MINUTE: '100000000',
        AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    const res = await fetch(`${url}/readyz`).catch(() => null);
    if (res?.status === 200) break;
    if (child.exitCode !== null) throw new Error('server exited during start');
    if (performance.now() - started > 120_000) throw new Error('server not ready after 120 s');
    await sleep(50);
  }
  return { child, url, pid: child.pid, memoryFile };
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function login(url, email, password) {
  const csrfRes = await request(url, 'GET', '/api/v1/auth/csrf');
  const csrf = csrfRes.body.csrfToken;
  const res = await request(url, 'POST', '/api/v1/auth/login', {
    headers: { 'x-csrf-token': csrf, cookie: `kefu_csrf=${csrf}` },
    body: { email, password },
  });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const session = [res.headers['set-cookie']]
    .flat()
    .find((c) => c.startsWith('kefu_session='))
    .split(';')[0];
  return `${session}; kefu_csrf=${csrf}`;
}

function connect(url, opts) {
  return new Promise((resolve, reject) => {
    const socket = connectSocket(url, {
      transports: ['websocket'],
      reconnection: false,
      timeout: 60_000,
      ...opts,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

const BODIES = [
  '你好，我想查询一下订单的物流状态，已经三天没有更新了',
  'Hi, I was charged twice for my last order, can you help?',
  '请问这个商品支持七天无理由退货吗？',
  'Where can I change the delivery address of my order?',
  '优惠券为什么用不了？提示不满足使用条件',
];
const ORIGIN = 'https://shop.example.com';

/** Creates visitors (widget sessions); with `firstMessage`, each opens its conversation with a message. */
async function createVisitors(url, publicId, count, firstMessage) {
  const visitors = new Array(count);
  await pool([...Array(count).keys()], 16, async (i) => {
    const res = await request(url, 'POST', `/api/v1/widget/inboxes/${publicId}/sessions`, {
      headers: { 'x-kefu-origin': ORIGIN },
      body: { locale: 'zh-CN', page: { url: `${ORIGIN}/item/${i}`, title: 'bench' }, language: 'zh-CN' },
    });
    if (res.status !== 200) throw new Error(`session failed: ${res.status} ${JSON.stringify(res.body)}`);
    const visitor = { token: res.body.visitorToken, contactId: res.body.contact.id, conversationId: null };
    if (firstMessage) {
      const msg = await request(url, 'POST', '/api/v1/widget/messages', {
        headers: { 'x-visitor-token': visitor.token },
        body: { clientId: crypto.randomUUID(), body: BODIES[i % BODIES.length] },
      });
      if (msg.status !== 201)
        throw new Error(`first message failed: ${msg.status} ${JSON.stringify(msg.body)}`);
      visitor.conversationId = msg.body.conversation.id;
    }
    visitors[i] = visitor;
  });
  return visitors;
}

// ---------------------------------------------------------------------------------------------- load
/** Agent sockets share one map of messages in flight, keyed by clientId. */
function tracker(agentCount) {
  const pending = new Map();
  return {
    pending,
    onEvent(envelope) {
      if (envelope?.name !== 'message.created') return;
      const entry = pending.get(envelope.payload?.message?.clientId);
      if (!entry) return;
      const now = performance.now();
      entry.seen++;
      if (entry.seen === 1) entry.step.latencies.push(now - entry.t0);
      if (entry.seen >= agentCount) {
        entry.step.allAgents.push(now - entry.t0);
        entry.step.lastReceipt = now;
        pending.delete(envelope.payload.message.clientId);
      }
      if (entry.seen === 1) entry.step.delivered++;
    },
  };
}

/**
 * One open-loop step: `rate` messages/s for `seconds`, round-robin over the visitors' conversations,
 * then up to 10 s for the stragglers. A send that would exceed `maxInFlight` is not made (counted as
 * `notSent`: the server fell so far behind that the client stopped offering).
 */
async function runStep(url, visitors, track, rate, seconds, { serverPid, maxInFlight = 4000 }) {
  const step = {
    latencies: [],
    allAgents: [],
    httpLatencies: [],
    delivered: 0,
    lastReceipt: 0,
    errors: {},
    notSent: 0,
  };
  const total = Math.round(rate * seconds);
  let sent = 0;
  let inFlight = 0;
  let inFlightSum = 0;
  let inFlightSamples = 0;
  const server0 = cpuSeconds(serverPid);
  const dbPids = await databasePids();
  const db0 = cpuByPid(dbPids);
  const machine0 = machineCpu();
  const client0 = process.cpuUsage();
  const start = performance.now();
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const ids = [];
  const send = (i) => {
    const visitor = visitors[i % visitors.length];
    const clientId = crypto.randomUUID();
    ids.push(clientId);
    const t0 = performance.now();
    track.pending.set(clientId, { t0, seen: 0, step });
    inFlight++;
    request(url, 'POST', '/api/v1/widget/messages', {
      headers: { 'x-visitor-token': visitor.token },
      body: { clientId, body: `${BODIES[i % BODIES.length]} #${i}` },
    })
      .then((res) => {
        if (res.status !== 201) step.errors[res.status] = (step.errors[res.status] ?? 0) + 1;
        else step.httpLatencies.push(performance.now() - t0);
      })
      .catch((err) => {
        step.errors[err.code ?? 'network'] = (step.errors[err.code ?? 'network'] ?? 0) + 1;
      })
      .finally(() => inFlight--);
  };
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
      while (sent < due) {
        if (inFlight >= maxInFlight) step.notSent++;
        else send(sent);
        sent++;
      }
      inFlightSum += inFlight;
      inFlightSamples++;
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const sendEnd = performance.now();
  const endUs = Number(process.hrtime.bigint() / 1000n);
  const drainUntil = performance.now() + 10_000;
  while ((inFlight > 0 || ids.some((id) => track.pending.has(id))) && performance.now() < drainUntil)
    await sleep(5);
  // CPU from the first send until everything was delivered (or given up on)
  const measured = (performance.now() - start) / 1000;
  const server = cpuSeconds(serverPid) - server0;
  const db = cpuBetween(db0, cpuByPid(dbPids));
  const machine1 = machineCpu();
  const client1 = process.cpuUsage(client0);
  const client = (client1.user + client1.system) / 1e6;
  const busy = ((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * os.cpus().length;
  let missing = 0;
  for (const id of ids) {
    if (track.pending.has(id)) {
      if (track.pending.get(id).seen === 0) missing++;
      track.pending.delete(id);
    }
  }
  const lat = step.latencies.sort((a, b) => a - b);
  const all = step.allAgents.sort((a, b) => a - b);
  const httpLat = step.httpLatencies.sort((a, b) => a - b);
  const lastDelivery = Math.max(step.lastReceipt, sendEnd);
  const errorCount = Object.values(step.errors).reduce((a, b) => a + b, 0);
  const perMessage = (seconds) => round2((seconds * 1000) / Math.max(1, step.delivered));
  const share = (seconds) => Math.round((seconds / measured) * 100);
  return {
    offeredRate: rate,
    sent: ids.length,
    delivered: step.delivered,
    // delivered messages over the time from the first send to the last delivery (a backlog stretches it)
    achievedRate: Math.round(step.delivered / ((lastDelivery - start) / 1000)),
    p50Ms: round1(pct(lat, 50)),
    p95Ms: round1(pct(lat, 95)),
    p99Ms: round1(pct(lat, 99)),
    maxMs: round1(lat[lat.length - 1] ?? null),
    p99AllAgentsMs: round1(pct(all, 99)),
    httpP50Ms: round1(pct(httpLat, 50)),
    httpP99Ms: round1(pct(httpLat, 99)),
    meanInFlight: round1(inFlightSum / Math.max(1, inFlightSamples)),
    errors: errorCount,
    errorsByStatus: step.errors,
    missing,
    notSent: step.notSent,
    windowUs: [startUs, endUs],
    // CPU time per delivered message, by process: where a message's cost goes
    cpuMsPerMessage: {
      server: perMessage(server),
      postgresRedis: perMessage(db),
      client: perMessage(client),
    },
    // % of one core; `other` = everything else running on the machine meanwhile (it shares the cores)
    cpu: {
      serverPct: share(server),
      postgresRedisPct: share(db),
      clientPct: share(client),
      otherPct: Math.max(0, Math.round(busy * 100 - share(server) - share(db) - share(client))),
      machineBusyPct: Math.round((busy / os.cpus().length) * 100),
    },
  };
}

const passes = (r, target) =>
  r.achievedRate >= 0.97 * r.offeredRate &&
  r.p99Ms !== null &&
  r.p99Ms <= target.p99Ms &&
  r.errors + r.missing + r.notSent <= Math.max(1, r.sent * 0.001);

// ---------------------------------------------------------------------------------------------- baseline
const BASELINE_SQL = {
  message: `INSERT INTO messages (tenant_id, conversation_id, client_id, sender_type, sender_id, private, body, attachments, mentions, search)
     VALUES ($1, $2, $3, 'contact', $4, false, $5, '[]', '{}', to_tsvector('simple', $5))
     ON CONFLICT (conversation_id, client_id) DO NOTHING RETURNING *`,
  conversation: `UPDATE conversations SET last_message_at = $3, last_message = $4, updated_at = now(),
         status = CASE WHEN $5 THEN 'open' ELSE status END, snoozed_until = CASE WHEN $5 THEN NULL ELSE snoozed_until END,
         contact_last_read_at = CASE WHEN $6 THEN now() ELSE contact_last_read_at END
       WHERE tenant_id = $1 AND id = $2`,
  seq: 'UPDATE tenants SET event_seq = event_seq + $2 WHERE id = $1 RETURNING event_seq',
  events: `INSERT INTO events (tenant_id, seq, name, payload, rooms)
     SELECT $1, s, n, p, ARRAY(SELECT jsonb_array_elements_text(r))
     FROM unnest($2::bigint[], $3::text[], $4::jsonb[], $5::jsonb[]) AS e(s, n, p, r)`,
};

/** The writes of one visitor message (as addMessage + the outbox do them), in one transaction. */
async function baselineMessage(q, conv, i) {
  const body = `${BODIES[i % BODIES.length]} #${i}`;
  const [row] = await q(BASELINE_SQL.message, [
    conv.tenant_id,
    conv.id,
    crypto.randomUUID(),
    conv.contact_id,
    body,
  ]);
  const createdAt = new Date(row.created_at).toISOString();
  await q(BASELINE_SQL.conversation, [
    conv.tenant_id,
    conv.id,
    createdAt,
    JSON.stringify({ body, senderType: 'contact', createdAt }),
    false,
    true,
  ]);
  const [{ event_seq: seq }] = await q(BASELINE_SQL.seq, [conv.tenant_id, 1]);
  const payload = {
    message: {
      id: row.id,
      conversationId: conv.id,
      clientId: row.client_id,
      senderType: 'contact',
      sender: { id: conv.contact_id, name: '', avatarUrl: null },
      private: false,
      body,
      attachments: [],
      mentions: [],
      createdAt,
    },
    conversationId: conv.id,
  };
  await q(BASELINE_SQL.events, [
    conv.tenant_id,
    [Number(seq)],
    ['message.created'],
    [JSON.stringify(payload)],
    [JSON.stringify([`t:${conv.tenant_id}`, `k:${conv.contact_id}`])],
  ]);
}

/** Closed loop: `concurrency` workers each run message transactions back to back for `seconds`. */
async function baselineLoop(conversations, concurrency, seconds, transaction) {
  const latencies = [];
  let done = 0;
  let errors = 0;
  let i = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const n = i++;
        const t0 = performance.now();
        try {
          await transaction(conversations[n % conversations.length], n);
          latencies.push(performance.now() - t0);
          done++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const lat = latencies.sort((a, b) => a - b);
  return {
    concurrency,
    durationS: seconds,
    rate: Math.round(done / ((performance.now() - start) / 1000)),
    p50Ms: round1(pct(lat, 50)),
    p99Ms: round1(pct(lat, 99)),
    errors,
  };
}

async function pgBaseline(connectionString) {
  const pgPool = new pg.Pool({ connectionString, max: baselineConcurrency });
  pgPool.on('error', () => undefined);
  try {
    const conversations = (await pgPool.query('SELECT id, tenant_id, contact_id FROM conversations')).rows;
    const tx = async (conv, n) => {
      const client = await pgPool.connect();
      try {
        await client.query('BEGIN');
        await baselineMessage(async (text, params) => (await client.query(text, params)).rows, conv, n);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    };
    await baselineLoop(conversations, baselineConcurrency, 2, tx); // warm-up
    return {
      database: 'PostgreSQL (pg.Pool, no RLS role, no HTTP)',
      ...(await baselineLoop(conversations, baselineConcurrency, stepSeconds, tx)),
    };
  } finally {
    await pgPool.end();
  }
}

async function pgliteBaseline(dataDir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(dataDir);
  await db.waitReady;
  try {
    const conversations = (await db.query('SELECT id, tenant_id, contact_id FROM conversations')).rows;
    const tx = (conv, n) =>
      db.transaction((t) =>
        baselineMessage(async (text, params) => (await t.query(text, params)).rows, conv, n),
      );
    await baselineLoop(conversations, baselineConcurrency, 2, tx);
    return {
      database: 'PGlite in the bench process (one connection: transactions run one at a time)',
      ...(await baselineLoop(conversations, baselineConcurrency, stepSeconds, tx)),
    };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------- profile
/**
 * Self time per function and per area (package / kefu / node internals) from a .cpuprofile, counting only
 * the samples inside `windowUs` (V8's profile clock and process.hrtime are both CLOCK_MONOTONIC).
 */
function summariseProfile(file, windowUs) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let at = profile.startTime;
  let inWindow = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < windowUs[0] || at > windowUs[1]) continue;
    inWindow++;
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  if (inWindow === 0) throw new Error('no profile samples inside the measured step');
  const fns = new Map();
  const areas = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const short = url
      .replace(/^file:\/\//, '')
      .replace(`${root}/`, '')
      .replace(/^.*node_modules\//, '');
    const key = `${functionName || '(anonymous)'}${short ? ` ${short}:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    let area;
    if (!url) area = functionName.startsWith('(') ? functionName : 'native/builtin';
    else if (url.startsWith('wasm://')) area = 'PGlite (wasm)';
    else if (url.includes('node_modules/')) {
      const rest = url.split('node_modules/').pop().split('/');
      area = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    } else if (url.startsWith('node:')) area = 'node internals';
    else if (url.includes('/apps/server/')) area = 'kefu server';
    else if (url.includes('/packages/')) area = 'kefu packages';
    else area = 'other';
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const top = (m, n) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((us / total) * 1000) / 10 }));
  return {
    busyMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    topFunctions: top(fns, 15),
    byArea: top(areas, 12),
  };
}

// ---------------------------------------------------------------------------------------------- one mode
async function runMode(mode, env, { visitorCount, baseline }) {
  const target = targets[mode];
  log(`${mode}: starting node`);
  const node = await startNode(env);
  const result = { mode, visitors: visitorCount, agents };
  let profileNeeded;
  let visitors;
  try {
    const agentCookie = await login(node.url, 'agent@demo.kefu.local', 'kefu-demo-agent');
    const ownerCookie = await login(node.url, 'owner@demo.kefu.local', 'kefu-demo-owner');
    const inboxes = await request(node.url, 'GET', '/api/v1/inboxes', { headers: { cookie: ownerCookie } });
    const website = inboxes.body.items.find((i) => i.channel === 'website');
    const publicId = website.publicId;
    // this measures people talking to people: the demo inbox's bot stays out of it
    const csrf = /kefu_csrf=([^;]+)/.exec(ownerCookie)[1];
    const off = await request(node.url, 'PATCH', `/api/v1/inboxes/${website.id}`, {
      headers: { cookie: ownerCookie, 'x-csrf-token': csrf },
      body: { settings: { ...website.settings, bot: { ...(website.settings.bot ?? {}), enabled: false } } },
    });
    if (off.status !== 200) throw new Error(`could not switch the demo bot off: ${off.status}`);

    // idle widgets first, on a node that has done nothing else yet
    log(`${mode}: creating ${idleTarget} idle visitor sessions`);
    let t = performance.now();
    const idleVisitors = await createVisitors(node.url, publicId, idleTarget, false);
    const sessionsPerSec = Math.round(idleTarget / ((performance.now() - t) / 1000));
    await settle(node.pid);
    const before = await serverMemory(node);
    t = performance.now();
    const idleSockets = [];
    await pool(idleVisitors, 100, async (v) => {
      idleSockets.push(await connect(node.url, { auth: { visitorToken: v.token } }));
    });
    const connectSeconds = (performance.now() - t) / 1000;
    await settle(node.pid);
    const after = await serverMemory(node);
    const connected = idleSockets.filter((s) => s.connected).length;
    result.idle = {
      sockets: connected,
      distinctVisitors: idleVisitors.length,
      sessionsCreatedPerSec: sessionsPerSec,
      connectSeconds: round1(connectSeconds),
      // both after a full GC in the server
      serverRssBeforeMb: before.rssMb,
      serverRssAfterMb: after.rssMb,
      perSocketKb: round1(((after.rssMb - before.rssMb) * 1024) / Math.max(1, connected)),
      serverHeapBeforeMb: before.heapMb,
      serverHeapAfterMb: after.heapMb,
      heapPerSocketKb: round1(((after.heapMb - before.heapMb) * 1024) / Math.max(1, connected)),
      clientRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
    log(`${mode}: idle`, JSON.stringify(result.idle));
    for (const s of idleSockets) s.close();
    await sleep(2000);

    log(`${mode}: creating ${visitorCount} visitors with an open conversation each`);
    t = performance.now();
    visitors = await createVisitors(node.url, publicId, visitorCount, true);
    result.setupSeconds = round1((performance.now() - t) / 1000);
    const { agentSockets, visitorSockets, track } = await connectClients(node.url, visitors, agentCookie);
    result.rssBeforeLoadMb = rssMb(node.pid);

    log(`${mode}: warm-up`);
    await runStep(node.url, visitors, track, rates[mode][0], 3, { serverPid: node.pid });
    result.steps = [];
    const step = async (rate) => {
      let r;
      for (let attempt = 0; ; attempt++) {
        await settle(node.pid);
        r = await runStep(node.url, visitors, track, rate, stepSeconds, { serverPid: node.pid });
        r.pass = passes(r, target);
        // on a shared machine, a step that failed while other work took the cores says little: wait, retry
        r.noisy = r.cpu.otherPct > noisyPct;
        if (r.pass || !r.noisy || attempt >= noisyRetries) break;
        log(`${mode}: ${rate}/s failed while other processes used ${r.cpu.otherPct} % of a core; retrying`);
        await quietMachine(node.pid);
      }
      result.steps.push(r);
      log(
        `${mode}: ${rate}/s → ${r.achievedRate}/s p50 ${r.p50Ms} p95 ${r.p95Ms} p99 ${r.p99Ms} ms, errors ${r.errors + r.missing + r.notSent}, ` +
          `CPU % server ${r.cpu.serverPct} db ${r.cpu.postgresRedisPct} client ${r.cpu.clientPct} other ${r.cpu.otherPct}, ` +
          `CPU ms/msg ${r.cpuMsPerMessage.server}/${r.cpuMsPerMessage.postgresRedis}/${r.cpuMsPerMessage.client} ${r.pass ? 'ok' : 'FAIL'}`,
      );
      return r;
    };
    let lastPass = 0;
    let firstFail = null;
    for (const rate of rates[mode]) {
      const r = await step(rate);
      if (r.pass) lastPass = Math.max(lastPass, rate);
      else {
        firstFail ??= rate;
        if (!(values['keep-going'] && r.achievedRate >= 0.8 * rate)) break;
      }
    }
    // narrow the gap between the last good step and the first bad one
    for (let i = 0; i < refineSteps && firstFail !== null; i++) {
      const mid = Math.round((lastPass + firstFail) / 20) * 10;
      if (mid <= lastPass || mid >= firstFail) break;
      if ((await step(mid)).pass) lastPass = mid;
      else firstFail = mid;
    }
    // the target rate itself, if the steps stopped short of it: how far off is it?
    if (!result.steps.some((s) => s.offeredRate === target.rate)) await step(target.rate);
    result.rssAfterLoadMb = rssMb(node.pid);
    for (const s of [...agentSockets, ...visitorSockets]) s.close();
    const best = result.steps.filter((s) => s.pass).sort((a, b) => b.offeredRate - a.offeredRate)[0] ?? null;
    result.sustained = best
      ? {
          rate: best.achievedRate,
          offered: best.offeredRate,
          p50Ms: best.p50Ms,
          p95Ms: best.p95Ms,
          p99Ms: best.p99Ms,
          errors: best.errors + best.missing + best.notSent,
        }
      : null;
    const atTarget = result.steps.find((s) => s.offeredRate === target.rate);
    const met = Boolean(best && best.offeredRate >= target.rate);
    result.target = {
      ...target,
      met,
      missedBy: met
        ? null
        : `sustained ${best?.achievedRate ?? 0}/s is ${Math.round((1 - (best?.achievedRate ?? 0) / target.rate) * 100)} % below ${target.rate}/s; ` +
          `offered ${target.rate}/s: ${atTarget.achievedRate}/s delivered, p99 ${atTarget.p99Ms} ms`,
      atTarget,
    };
    profileNeeded = values.profile === 'always' || (values.profile === 'auto' && !result.target.met);
  } finally {
    await stop(node.child);
  }

  if (profileNeeded) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-prof-'));
    log(`${mode}: profiling one step at ${target.rate}/s`);
    const profiled = await startNode(env, { cpuProfDir: dir });
    try {
      const agentCookie = await login(profiled.url, 'agent@demo.kefu.local', 'kefu-demo-agent');
      const { agentSockets, visitorSockets, track } = await connectClients(
        profiled.url,
        visitors,
        agentCookie,
      );
      await runStep(profiled.url, visitors, track, rates[mode][0], 3, { serverPid: profiled.pid });
      await settle(profiled.pid);
      const step = await runStep(profiled.url, visitors, track, target.rate, stepSeconds, {
        serverPid: profiled.pid,
      });
      for (const s of [...agentSockets, ...visitorSockets]) s.close();
      await stop(profiled.child);
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      result.profile = {
        note: `server run with --cpu-prof (start, warm-up, one ${stepSeconds} s step at ${target.rate}/s, shutdown)`,
        stepUnderProfiler: {
          achievedRate: step.achievedRate,
          p50Ms: step.p50Ms,
          p99Ms: step.p99Ms,
          cpu: step.cpu,
        },
        ...(file ? summariseProfile(path.join(dir, file), step.windowUs) : { error: 'no profile written' }),
      };
    } finally {
      await stop(profiled.child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  log(`${mode}: database baseline`);
  result.baseline = await baseline();
  if (result.sustained)
    result.ratioToBaseline = Math.round((result.sustained.rate / result.baseline.rate) * 100) / 100;
  return result;
}

async function connectClients(url, visitors, agentCookie) {
  const track = tracker(agents);
  const agentSockets = [];
  for (let i = 0; i < agents; i++) {
    const s = await connect(url, { extraHeaders: { cookie: agentCookie } });
    s.on('event', track.onEvent);
    agentSockets.push(s);
  }
  const visitorSockets = [];
  await pool(visitors, 100, async (v) => {
    visitorSockets.push(await connect(url, { auth: { visitorToken: v.token } }));
  });
  return { agentSockets, visitorSockets, track };
}

// ---------------------------------------------------------------------------------------------- main
const commit = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps/server', 'packages'], {
      cwd: root,
    })
      .toString()
      .trim();
    return dirty ? `${head} (+ uncommitted server changes)` : head;
  } catch {
    return 'unknown';
  }
})();
const loadAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);
const results = [];
if (modes.includes('embedded')) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-'));
  try {
    results.push(
      await runMode(
        'embedded',
        { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' },
        { visitorCount: visitorsEmbedded, baseline: () => pgliteBaseline(dataDir) },
      ),
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (modes.includes('scaled') && process.env.DATABASE_URL && process.env.REDIS_URL) {
  const base = new URL(process.env.DATABASE_URL);
  const stamp = Date.now();
  const name = `kefu_bench_${stamp}`;
  const prefix = `kefu-bench-${stamp}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(base.hostname);
  databasePids = async () =>
    local
      ? [
          ...(
            await admin.query(
              `SELECT pid FROM pg_stat_activity
               WHERE datname = $1 OR backend_type IN ('walwriter', 'checkpointer', 'background writer')`,
              [name],
            )
          ).rows.map((r) => String(r.pid)),
          ...redisPids(),
        ]
      : [];
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-'));
  try {
    results.push(
      await runMode(
        'scaled',
        {
          DATA_DIR: dataDir,
          DATABASE_URL: url.toString(),
          REDIS_URL: process.env.REDIS_URL,
          REDIS_PREFIX: prefix,
        },
        { visitorCount: visitorsScaled, baseline: () => pgBaseline(url.toString()) },
      ),
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
    // the bench's queues and rate-limit counters live under its own prefix
    const redis = new Redis(process.env.REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
} else if (modes.includes('scaled')) {
  log('scaled mode skipped: set DATABASE_URL and REDIS_URL');
}
agent.destroy();

const cpus = os.cpus();
const machine = `${cpus[0].model}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const command = `node bench/message-path.mjs ${process.argv.slice(2).join(' ')}`.trim();
console.log(
  JSON.stringify(
    { benchmark: 'message-path', date, machine, commit, loadAverageAtStart: loadAtStart, command, results },
    (key, value) => (key === 'windowUs' ? undefined : value),
    2,
  ),
);

if (!values['no-append'] && results.length) {
  const ms = (v) => (v === null || v === undefined ? '–' : `${v} ms`);
  const lines = [
    `\n### Message path (live chat) — ${date} UTC`,
    '',
    `Machine: ${machine}; commit ${commit}; load average at start ${loadAtStart.join(' / ')}. Command: \`${command}\` ` +
      '(with DATABASE_URL/REDIS_URL for scaled). Visitors and agents are Socket.IO clients in the bench process; ' +
      'visitors post `POST /api/v1/widget/messages` open-loop at each offered rate, round-robin over their open ' +
      'conversations, for ' +
      `${stepSeconds} s per step; latency = from just before the POST until the first agent socket receives the ` +
      "message's `message.created`. Sustained = highest step with ≥ 97 % of the offered rate delivered, p99 within " +
      'the target and ≤ 0.1 % errors. Baseline = the same four writes per message (message insert, conversation ' +
      `update, tenant event_seq update, events insert) in one transaction from a bare loop at concurrency ${baselineConcurrency} ` +
      '(= the server’s pool size). The machine may be shared: "others" is the CPU other processes used during a step, ' +
      `and a failed step during which they used more than ${noisyPct} % of a core is retried (up to ${noisyRetries} times) once ` +
      'the machine is quiet again; "(noisy)" marks steps that stayed disturbed.',
    '',
    '| mode | conversations / agents | sustained msg/s | p50 | p95 | p99 | errors | target | met | DB baseline msg/s | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const s = r.sustained;
      return `| ${r.mode} | ${r.visitors} / ${r.agents} | ${s ? s.rate : 'none'} | ${ms(s?.p50Ms)} | ${ms(s?.p95Ms)} | ${ms(s?.p99Ms)} | ${s ? s.errors : '–'} | ≥ ${r.target.rate}/s, p99 ≤ ${r.target.p99Ms} ms | ${r.target.met ? '✓' : `✗ (${r.target.missedBy})`} | ${r.baseline.rate} (p99 ${r.baseline.p99Ms} ms) | ${r.ratioToBaseline ?? '–'} |`;
    }),
    '',
    'Steps (CPU: % of one core during the step; per message: ms of CPU time of the server / PostgreSQL+Redis / bench client):',
    '',
    '| mode | offered/s | delivered/s | p50 | p95 | p99 | errors | CPU server / DB / client / others | CPU ms per message | ok |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.flatMap((r) =>
      r.steps.map(
        (s) =>
          `| ${r.mode} | ${s.offeredRate} | ${s.achievedRate} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} | ${ms(s.p99Ms)} | ${s.errors + s.missing + s.notSent} | ${s.cpu.serverPct} / ${s.cpu.postgresRedisPct} / ${s.cpu.clientPct} / ${s.cpu.otherPct} % | ${s.cpuMsPerMessage.server} / ${s.cpuMsPerMessage.postgresRedis} / ${s.cpuMsPerMessage.client} | ${s.pass ? '✓' : '✗'}${s.noisy ? ' (noisy)' : ''} |`,
      ),
    ),
    '',
    'Idle widgets on one node (visitor sockets with `transports: [websocket]`, one client process; server memory read right after a full GC):',
    '',
    '| mode | sockets | distinct visitors | server RSS before | after | per socket | V8 heap before | after | per socket | connect time | bench client RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.mode} | ${r.idle.sockets} | ${r.idle.distinctVisitors} | ${r.idle.serverRssBeforeMb} MB | ${r.idle.serverRssAfterMb} MB | ${r.idle.perSocketKb} KB | ${r.idle.serverHeapBeforeMb} MB | ${r.idle.serverHeapAfterMb} MB | ${r.idle.heapPerSocketKb} KB | ${r.idle.connectSeconds} s | ${r.idle.clientRssMb} MB |`,
    ),
    '',
    ...results
      .filter((r) => r.profile && !r.profile.error)
      .flatMap((r) => [
        `Profile, ${r.mode} (${r.profile.note}; samples inside the step only; under the profiler: ${r.profile.stepUnderProfiler.achievedRate} msg/s delivered, p99 ${r.profile.stepUnderProfiler.p99Ms} ms). ` +
          `Server self time by area: ${r.profile.byArea
            .slice(0, 8)
            .map((a) => `${a.name} ${a.pct} %`)
            .join(', ')}. Top functions: ${r.profile.topFunctions
            .slice(0, 8)
            .map((f) => `\`${f.name}\` ${f.pct} %`)
            .join(', ')}.`,
        '',
      ]),
  ];
  const file = path.join(root, 'BENCHMARKS.md');
  if (!fs.existsSync(file))
    fs.writeFileSync(
      file,
      '# Benchmarks\n\nFigures measured by the scripts in `bench/`; each section names its machine, date and command.\n',
    );
  fs.appendFileSync(file, lines.join('\n'));
}
