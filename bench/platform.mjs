#!/usr/bin/env node
// Platform benchmark: cold start to ready, idle memory (RSS) and an authenticated read endpoint under load,
// in embedded mode and (when DATABASE_URL and REDIS_URL are set) in scaled mode.
// Usage: npm run build && node bench/platform.mjs [--duration 15] [--connections 50]
// Prints JSON and appends a dated section to BENCHMARKS.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, requireBuiltServer, root, rssMb, sleep } from './lib.mjs';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '15' }, connections: { type: 'string', default: '50' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const bin = path.join(root, 'apps/server/bin/kefu.js');
requireBuiltServer();

async function startNode(env) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const res = await fetch(`${url}/readyz`).catch(() => null);
    if (res?.status === 200) break;
    if (child.exitCode !== null) throw new Error('server exited during start');
    await sleep(20);
  }
  return { child, url, readyMs: Math.round(performance.now() - started) };
}

async function stop(child) {
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
}

async function login(url) {
  const csrfRes = await fetch(`${url}/api/v1/auth/csrf`);
  const csrf = (await csrfRes.json()).csrfToken;
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `kefu_csrf=${csrf}` },
    body: JSON.stringify({ email: 'owner@demo.kefu.local', password: 'kefu-demo-owner' }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const session = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('kefu_session='))
    .split(';')[0];
  return session;
}

async function load(url, cookie) {
  const result = await autocannon({ url: `${url}/api/v1/users`, connections, duration, headers: { cookie } });
  return {
    endpoint: 'GET /api/v1/users',
    connections,
    durationS: duration,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function runMode(mode, env, cleanup) {
  const cold = await startNode(env);
  await sleep(5000);
  const idleRssMb = rssMb(cold.child.pid);
  await stop(cold.child);
  const warm = await startNode(env);
  const cookie = await login(warm.url);
  const readLoad = await load(warm.url, cookie);
  const loadedRssMb = rssMb(warm.child.pid);
  await stop(warm.child);
  await cleanup();
  return {
    mode,
    coldStartToReadyMs: cold.readyMs,
    warmStartToReadyMs: warm.readyMs,
    idleRssMb,
    rssAfterLoadMb: loadedRssMb,
    ...readLoad,
  };
}

const results = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-'));
results.push(
  await runMode('embedded', { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' }, async () =>
    fs.rmSync(dataDir, { recursive: true, force: true }),
  ),
);

if (process.env.DATABASE_URL && process.env.REDIS_URL) {
  const base = new URL(process.env.DATABASE_URL);
  const name = `kefu_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  results.push(
    await runMode(
      'scaled',
      {
        DATABASE_URL: url.toString(),
        REDIS_URL: process.env.REDIS_URL,
        REDIS_PREFIX: `kefu-bench-${Date.now()}`,
      },
      async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    ),
  );
}

const machine = `${os.cpus()[0].model}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
console.log(JSON.stringify({ benchmark: 'platform', date, machine, results }, null, 2));

const lines = [
  `\n### Platform — ${date}`,
  '',
  `Machine: ${machine}. Command: \`node bench/platform.mjs --duration ${duration} --connections ${connections}\` (with DATABASE_URL/REDIS_URL for scaled).`,
  '',
  '| mode | cold start → ready | warm start → ready | idle RSS | GET /api/v1/users req/s | p50 | p99 | RSS after load | errors |',
  '|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.mode} | ${r.coldStartToReadyMs} ms | ${r.warmStartToReadyMs} ms | ${r.idleRssMb} MB | ${r.requestsPerSec} | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.rssAfterLoadMb} MB | ${r.errors + r.non2xx} |`,
  ),
  '',
];
const file = path.join(root, 'BENCHMARKS.md');
if (!fs.existsSync(file))
  fs.writeFileSync(
    file,
    '# Benchmarks\n\nFigures measured by the scripts in `bench/`; each section names its machine, date and command.\n',
  );
fs.appendFileSync(file, lines.join('\n'));
