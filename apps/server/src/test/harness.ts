import crypto from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../platform/config.js';
import { createPgliteDatabase, createPgDatabase, type Database } from '../platform/db.js';
import { createServer, type KefuServer } from '../app.js';

/** Scaled mode when the environment names PostgreSQL and Redis (CI sets both); embedded otherwise. */
export const SCALED = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
export const MODE = SCALED ? 'scaled' : 'embedded';

/** A fresh PostgreSQL database per test file, so files run in parallel without seeing each other. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `kefu_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestEnv {
  config: Config;
  db: Database;
  /** Builds another node on the same database and Redis (two-node tests). */
  node(overrides?: Partial<Config>): Promise<KefuServer>;
  close(): Promise<void>;
}

/** Servers under test say nothing; TEST_LOG_LEVEL=error shows their errors while debugging a test. */
const LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';

export async function openTestEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const prefix = `kefu-test-${crypto.randomBytes(4).toString('hex')}`;
  let dropDb = async () => undefined as void;
  let config: Config;
  let db: Database;
  if (SCALED) {
    const fresh = await freshDatabaseUrl();
    dropDb = fresh.drop;
    config = loadConfig(
      { DATABASE_URL: fresh.url, REDIS_URL: process.env.REDIS_URL, LOG_LEVEL },
      {
        port: 0,
        host: '127.0.0.1',
        authRateLimitPerMinute: 10_000,
        widgetSessionRateLimitPerMinute: 10_000,
        widgetRateLimitPerMinute: 100_000,
        ...overrides,
      },
    );
    db = createPgDatabase(fresh.url);
  } else {
    config = loadConfig(
      { LOG_LEVEL },
      {
        port: 0,
        host: '127.0.0.1',
        authRateLimitPerMinute: 10_000,
        widgetSessionRateLimitPerMinute: 10_000,
        widgetRateLimitPerMinute: 100_000,
        ...overrides,
      },
    );
    db = await createPgliteDatabase(null);
  }
  const nodes: KefuServer[] = [];
  return {
    config,
    db,
    async node(more = {}) {
      const server = await createServer({ ...config, ...more }, { db, redisPrefix: prefix, logger: false });
      nodes.push(server);
      return server;
    },
    async close() {
      for (const n of nodes.reverse()) await n.close();
      await db.close();
      await dropDb();
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, any>;
}

/** An HTTP client over fastify.inject with a cookie jar and automatic CSRF, like a browser tab. */
export class Client {
  cookies = new Map<string, string>();
  token: string | null = null;
  constructor(readonly server: KefuServer) {}

  withToken(token: string) {
    const c = new Client(this.server);
    c.token = token;
    return c;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async csrf() {
    if (!this.cookies.has('kefu_csrf')) await this.request('GET', '/api/v1/auth/csrf');
    return this.cookies.get('kefu_csrf')!;
  }

  async request<T = any>(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    else {
      if (method !== 'GET' && !url.endsWith('/auth/csrf') && !('x-csrf-token' in h))
        h['x-csrf-token'] = await this.csrf();
      if (this.cookies.size) h.cookie = this.cookieHeader();
    }
    const res = await this.server.app.inject({
      method,
      url,
      headers: h,
      ...(body !== undefined ? { payload: body as any } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let parsed: any = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {
      // not JSON (metrics, HTML)
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }

  get = <T = any>(url: string) => this.request<T>('GET', url);
  post = <T = any>(url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request<T>('POST', url, body ?? {}, headers);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body ?? {});
  put = <T = any>(url: string, body?: unknown) => this.request<T>('PUT', url, body ?? {});
  del = <T = any>(url: string) => this.request<T>('DELETE', url);
}

let counter = 0;
export const uniqueEmail = (tag = 'user') =>
  `${tag}-${Date.now().toString(36)}-${counter++}-${crypto.randomBytes(3).toString('hex')}@example.test`;

/** Signs up a new workspace and returns its owner's client. */
export async function signupWorkspace(server: KefuServer, name = 'Acme 客服', locale: 'zh-CN' | 'en' = 'en') {
  const client = new Client(server);
  const email = uniqueEmail('owner');
  const res = await client.post('/api/v1/auth/signup', {
    workspaceName: name,
    name: 'Owner',
    email,
    password: 'correct horse battery',
    locale,
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, email, password: 'correct horse battery', user: res.body.user, tenant: res.body.tenant };
}

/** Creates an all-scopes API token for a workspace owner client. */
export async function adminToken(owner: Client) {
  const scopes = (await owner.get('/api/v1/api-tokens/scopes')).body.items;
  const res = await owner.post('/api/v1/api-tokens', { name: 'all', scopes });
  if (res.status !== 201) throw new Error(`token failed: ${JSON.stringify(res.body)}`);
  return res.body.secret as string;
}

/** Waits until `check` returns truthy (events and jobs settle asynchronously). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
