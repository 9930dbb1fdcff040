import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRealtimeClient, type EventEnvelope } from '@kefu/shared';
import { SCALED, eventually, freshDatabaseUrl, uniqueEmail } from './harness.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = `${ROOT}apps/server/bin/kefu.js`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });

/** A minimal browser-like HTTP client over fetch (cookies + CSRF) for talking to a separate process. */
class HttpClient {
  cookies = new Map<string, string>();
  constructor(public base: string) {}
  async call(method: string, path: string, body?: unknown) {
    if (method !== 'GET' && !this.cookies.has('kefu_csrf')) await this.call('GET', '/api/v1/auth/csrf');
    const res = await fetch(this.base + path, {
      method,
      headers: {
        'content-type': 'application/json',
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': this.cookies.get('kefu_csrf') ?? '',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair.split('=');
      this.cookies.set(k, v);
    }
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }
}

/**
 * Two real server processes on different ports sharing PostgreSQL and Redis: an event caused through
 * node A's API reaches a realtime client on node B, and a client that reconnects after missing events
 * receives them once, in order. Needs scaled mode (DATABASE_URL + REDIS_URL) and the built server.
 */
describe.runIf(SCALED)('two nodes sharing PostgreSQL and Redis', () => {
  const nodes: ChildProcess[] = [];
  const urls: string[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    if (!fs.existsSync(`${ROOT}apps/server/dist/cli.js`))
      throw new Error('build the server first: npm run build');
    const db = await freshDatabaseUrl();
    drop = db.drop;
    const prefix = `kefu-2node-${Date.now()}`;
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, [BIN, 'serve'], {
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          REDIS_PREFIX: prefix,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          SEED_DEMO: 'false',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      nodes.push(child);
      urls.push(`http://127.0.0.1:${port}`);
    }
    for (const url of urls) {
      await eventually(async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, 60_000);
    }
  });

  afterAll(async () => {
    for (const child of nodes) child.kill('SIGTERM');
    await Promise.all(
      nodes.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
    );
    await drop?.();
  });

  it('an event caused on node A reaches a client on node B; a reconnecting client gets what it missed once, in order', async () => {
    const [a, b] = urls;
    const owner = new HttpClient(a);
    const signup = await owner.call('POST', '/api/v1/auth/signup', {
      workspaceName: 'Two nodes',
      name: 'O',
      email: uniqueEmail(),
      password: 'password123',
    });
    expect(signup.status).toBe(201);
    const scopes = (await owner.call('GET', '/api/v1/api-tokens/scopes')).body.items;
    const token = (await owner.call('POST', '/api/v1/api-tokens', { name: 'rt', scopes })).body.secret;

    const seen: EventEnvelope[] = [];
    const client = createRealtimeClient({ url: b, auth: { token }, onEvent: (e) => seen.push(e) });
    await eventually(() => client.socket.connected && client.lastSeq >= 0);
    await owner.call('POST', '/api/v1/teams', { name: 'from A' });
    await eventually(() => seen.some((e) => (e.payload as any).name === 'from A'));

    client.socket.disconnect();
    for (let i = 0; i < 5; i++) await owner.call('POST', '/api/v1/teams', { name: `missed ${i}` });
    client.socket.connect();
    await eventually(() => seen.length === 6);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.map((e) => (e.payload as any).name)).toEqual([
      'from A',
      'missed 0',
      'missed 1',
      'missed 2',
      'missed 3',
      'missed 4',
    ]);
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    client.close();
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const child = nodes[1];
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
  });
});
