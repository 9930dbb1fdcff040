// Shared helpers for the browser tests: a real `kefu serve` process on a fresh data directory (always the
// embedded mode: DATABASE_URL and REDIS_URL are removed from its environment) and Debian's chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = process.env.KEFU_SCREENSHOT_DIR ?? '/tmp';
export const CHROMIUM = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRE_BROWSER = process.env.KEFU_REQUIRE_BROWSER === '1';
const HAVE_BROWSER = existsSync(CHROMIUM);

/**
 * `describe` for browser tests: skipped with a clear message when chromium is missing, unless
 * KEFU_REQUIRE_BROWSER=1 (then the tests run and fail at launch).
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (!HAVE_BROWSER && !REQUIRE_BROWSER) {
    console.warn(
      `[e2e] ${name}: skipped, ${CHROMIUM} not found (apt-get install chromium, or KEFU_REQUIRE_BROWSER=1 to fail instead)`,
    );
    describe.skip(`${name} (skipped: ${CHROMIUM} not found)`, fn);
    return;
  }
  describe(name, fn);
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found (KEFU_REQUIRE_BROWSER=1): install Debian's chromium package`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface KefuServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** The last 20 kB of the server's output (for error messages). */
  log: () => string;
  stop: () => Promise<void>;
}

/** Files a test needs built before it can run (checked up front for a clear message). */
export function requireBuilt(
  files: string[] = ['apps/server/dist/cli.js', 'apps/web/dist/index.html'],
): void {
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
}

export async function startServer(
  options: { name?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<KefuServer> {
  requireBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `kefu-e2e-${options.name ?? 'test'}-`));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  Object.assign(env, { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, options.env ?? {});
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['apps/server/bin/kefu.js', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let lastError: string;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited with code ${child.exitCode}\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200) break;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready after ${options.timeoutMs ?? 60_000} ms (${lastError})\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, port, dataDir, log: () => output, stop };
}

/** A cookie-session API client (login + CSRF) for setting up test data without the UI. */
export async function apiSession(baseUrl: string, email: string, password: string) {
  let cookies: Record<string, string> = {};
  const cookieHeader = () =>
    Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      cookies = { ...cookies, [pair.slice(0, i).trim()]: pair.slice(i + 1).trim() };
    }
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json', cookie: cookieHeader() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (cookies.kefu_csrf) headers['x-csrf-token'] = cookies.kefu_csrf;
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    remember(res);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  remember(await fetch(`${baseUrl}/api/v1/auth/csrf`));
  await call('POST', '/auth/login', { email, password });
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
    /** The session's cookies, for a Socket.IO client acting as this user. */
    cookie: cookieHeader,
  };
}

/** Turns the demo inbox's bot on or off (tests of the human loop switch it off first). */
export async function setDemoBot(baseUrl: string, enabled: boolean) {
  const owner = await apiSession(baseUrl, 'owner@demo.kefu.local', 'kefu-demo-owner');
  const { items } = await owner.get<{
    items: { id: string; channel: string; settings: Record<string, unknown> & { bot?: object } }[];
  }>('/inboxes');
  const inbox = items.find((i) => i.channel === 'website')!;
  await owner.patch(`/inboxes/${inbox.id}`, {
    settings: { ...inbox.settings, bot: { ...(inbox.settings.bot ?? {}), enabled } },
  });
}
