import { parseArgs } from 'node:util';
import path from 'node:path';
import { LocalDiskStorage } from './modules/attachments/index.js';
import crypto from 'node:crypto';
import { ConfigError, loadConfig, parseRoles, type Config } from './platform/config.js';
import { migrate, pendingMigrations } from './platform/migrate.js';
import { createServer, openDatabase } from './app.js';
import { DEMO, seedDemo } from './seed.js';
import { EventDispatcher } from './platform/events.js';
import { MemoryJobQueue } from './platform/queue.js';
import type { Kernel } from './kernel.js';
import { insertTenant } from './modules/tenants/index.js';
import { insertUser } from './modules/agents/index.js';

const HELP = `kefu — Kefu (客服) customer-service platform

Usage:
  kefu serve [--roles api,realtime,worker,cron]   start a node (default: all roles)
  kefu migrate                                    apply pending SQL migrations
  kefu seed                                       create the demo workspace if missing
  kefu tenant create --name N --email E --password P [--slug S] [--locale zh-CN|en]
  kefu doctor                                     check configuration, database, Redis, migrations
  kefu eval intents|sentiment --train FILE --test FILE [--json]

Configuration comes from environment variables (see README).`;

const quietLog = { info: () => undefined, warn: () => undefined, error: (o: unknown) => console.error(o) };

async function withKernel<T>(config: Config, fn: (kernel: Kernel) => Promise<T>) {
  const db = await openDatabase(config);
  const queue = new MemoryJobQueue(db, quietLog);
  const storage = new LocalDiskStorage(path.join(config.dataDir, 'files'));
  const kernel: Kernel = {
    config,
    db,
    events: new EventDispatcher(db, quietLog),
    queue,
    log: quietLog,
    storage,
  };
  try {
    return await fn(kernel);
  } finally {
    await kernel.events.stop();
    await queue.close();
    await db.close();
  }
}

function printBanner(config: Config, address: string, seeded: boolean) {
  const url = config.publicUrl;
  const lines = [
    '',
    `  Kefu (客服) is running — ${config.databaseUrl ? 'scaled mode (PostgreSQL' + (config.redisUrl ? ' + Redis' : '') + ')' : `embedded mode (data in ${config.dataDir})`}`,
    `  Listening on ${address}`,
    `  Open:        ${url}/`,
    `  Sign up:     ${url}/signup`,
    `  API docs:    ${url}/api/docs`,
    `  Demo workspace "${DEMO.workspace}"${seeded ? ' (created now)' : ''}:`,
    `    owner  ${DEMO.owner.email} / ${DEMO.owner.password}`,
    `    agent  ${DEMO.agent.email} / ${DEMO.agent.password}`,
    `    shop with the chat widget and its bot: ${url}/demo`,
    `    help center: ${url}/help/${DEMO.slug}`,
    '',
  ];
  console.log(lines.join('\n'));
}

async function serve(args: string[]) {
  const { values } = parseArgs({ args, options: { roles: { type: 'string' } } });
  const config = loadConfig(process.env, values.roles ? { roles: parseRoles(values.roles) } : {});
  const server = await createServer(config);
  let seeded = false;
  if (config.seedDemo && config.roles.has('api')) seeded = await seedDemo(server.kernel);
  const address = await server.listen();
  printBanner(config, address, seeded);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.kernel.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function doctor(): Promise<number> {
  let failures = 0;
  const report = (ok: boolean, what: string, detail = '') => {
    if (!ok) failures++;
    console.log(`${ok ? '✓' : '✗'} ${what}${detail ? ` — ${detail}` : ''}`);
  };
  let config: Config;
  try {
    config = loadConfig();
    report(
      true,
      'configuration',
      config.databaseUrl ? 'scaled mode' : `embedded mode, data in ${config.dataDir}`,
    );
  } catch (err) {
    report(false, 'configuration', (err as Error).message);
    return 1;
  }
  try {
    const db = await openDatabase(config);
    try {
      const [row] = await db.system.query('SHOW server_version');
      report(true, 'database', `PostgreSQL ${row.server_version}`);
      const major = Number(String(row.server_version).split('.')[0]);
      if (major < 15) report(false, 'database version', 'PostgreSQL 15 or newer is required');
      const pending = await pendingMigrations(db);
      report(
        pending.length === 0,
        'migrations',
        pending.length ? `pending: ${pending.join(', ')} (run: kefu migrate)` : 'up to date',
      );
    } finally {
      await db.close();
    }
  } catch (err) {
    report(false, 'database', `cannot connect: ${(err as Error).message}`);
  }
  if (config.redisUrl) {
    const { Redis } = await import('ioredis');
    const redis = new Redis(config.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    try {
      await redis.connect();
      report((await redis.ping()) === 'PONG', 'redis');
    } catch (err) {
      report(false, 'redis', `cannot connect: ${(err as Error).message}`);
    } finally {
      redis.disconnect();
    }
  } else {
    report(true, 'redis', 'not configured (embedded queue and realtime)');
  }
  report(
    !config.publicUrl.startsWith('http://') ||
      config.publicUrl.includes('localhost') ||
      config.publicUrl.includes('127.0.0.1'),
    'PUBLIC_URL',
    config.publicUrl,
  );
  return failures === 0 ? 0 : 1;
}

async function tenantCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      slug: { type: 'string' },
      locale: { type: 'string' },
      'owner-name': { type: 'string' },
    },
  });
  if (!values.name || !values.email || !values.password)
    throw new ConfigError('tenant create needs --name, --email and --password');
  if (values.password.length < 8) throw new ConfigError('--password must have at least 8 characters');
  const locale = values.locale === 'en' ? 'en' : 'zh-CN';
  const config = loadConfig();
  await withKernel(config, async (kernel) => {
    const tenantId = crypto.randomUUID();
    const tenant = await kernel.events.run(tenantId, async (tx) => {
      const created = await insertTenant(tx, { name: values.name!, slug: values.slug, locale });
      await insertUser(tx, {
        email: values.email!,
        name: values['owner-name'] ?? values.email!.split('@')[0],
        password: values.password!,
        role: 'owner',
        locale,
      });
      return created;
    });
    console.log(`created tenant ${tenant.name} (${tenant.slug}, ${tenant.id}); owner ${values.email}`);
  });
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest);
      case 'migrate': {
        const config = loadConfig();
        const db = await openDatabase(config);
        try {
          const applied = await migrate(db);
          console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        } finally {
          await db.close();
        }
        return;
      }
      case 'seed': {
        const config = loadConfig();
        await withKernel(config, async (kernel) => {
          await migrate(kernel.db);
          console.log((await seedDemo(kernel)) ? 'demo workspace created' : 'demo workspace exists already');
        });
        return;
      }
      case 'tenant':
        if (rest[0] !== 'create')
          throw new ConfigError('usage: kefu tenant create --name N --email E --password P');
        return await tenantCreate(rest.slice(1));
      case 'doctor':
        process.exitCode = await doctor();
        return;
      case 'eval': {
        const { runEvalCommand } = await import('./cli/eval.js');
        process.exitCode = await runEvalCommand(rest);
        return;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return;
      default:
        console.error(`unknown command "${command}"\n\n${HELP}`);
        process.exitCode = 2;
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`kefu: ${err.message}`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
