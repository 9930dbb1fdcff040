import { Redis } from 'ioredis';
import pino from 'pino';
import type { Config } from './platform/config.js';
import { createPgDatabase, createPgliteDatabase, type Database } from './platform/db.js';
import { EventDispatcher } from './platform/events.js';
import { createHttp, type App } from './platform/http.js';
import { createMetrics } from './platform/metrics.js';
import { migrate, pendingMigrations } from './platform/migrate.js';
import { BullJobQueue, MemoryJobQueue, QUEUES, type JobQueue } from './platform/queue.js';
import { createRealtime, type Realtime } from './platform/realtime.js';
import { registerIdempotency } from './platform/idempotency.js';
import type { Kernel } from './kernel.js';
import { createAuthenticator } from './modules/auth/index.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { agentRoutes } from './modules/agents/agents.routes.js';
import { teamRoutes } from './modules/teams/teams.routes.js';
import { tenantRoutes } from './modules/tenants/tenants.routes.js';
import { apiTokenRoutes } from './modules/api-tokens/api-tokens.routes.js';
import { inboxRoutes } from './modules/inboxes/inboxes.routes.js';
import { adminRoutes } from './modules/audit/audit.routes.js';
import { registerMailJobs } from './modules/mail/index.js';
import { registerBot } from './modules/bot/index.js';
import { botRoutes } from './modules/bot/bot.routes.js';
import { conversationRoutes } from './modules/conversations/conversations.routes.js';
import { contactRoutes } from './modules/contacts/contacts.routes.js';
import { cannedRoutes } from './modules/canned/canned.routes.js';
import { widgetRoutes } from './modules/widget/widget.routes.js';
import { demoRoutes } from './modules/widget/demo.routes.js';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.js';
import { helpCenterRoutes } from './modules/knowledge/help-center.routes.js';
import { LocalDiskStorage } from './modules/attachments/index.js';
import { resolveVisitor } from './modules/widget/index.js';
import { typingRelay, wakeSnoozed } from './modules/conversations/realtime.js';
import path from 'node:path';

export interface ServerOptions {
  /** An already-open database (tests share one PGlite per file). */
  db?: Database;
  /** Prefix for Redis keys and channels, so test runs sharing one Redis stay apart. */
  redisPrefix?: string;
  logger?: boolean | object;
}

export interface KefuServer {
  app: App;
  kernel: Kernel;
  realtime: Realtime;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl ? createPgDatabase(config.databaseUrl) : createPgliteDatabase(config.dataDir);
}

/** Builds one Kefu node with the roles in `config.roles`; `listen()` starts serving. */
export async function createServer(config: Config, options: ServerOptions = {}): Promise<KefuServer> {
  const db = options.db ?? (await openDatabase(config));
  const ownsDb = !options.db;
  const prefix = options.redisPrefix ?? config.redisPrefix;
  const log = pino({ level: config.logLevel });
  if (config.autoMigrate) await migrate(db, (m) => log.info(m));

  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: null, keyPrefix: undefined })
    : null;
  const events = new EventDispatcher(db, log);
  const queue: JobQueue = config.redisUrl
    ? new BullJobQueue(db, log, { url: config.redisUrl, maxRetriesPerRequest: null } as any, prefix)
    : new MemoryJobQueue(db, log);
  const storage = new LocalDiskStorage(path.join(config.dataDir, 'files'));
  const kernel: Kernel = { config, db, events, queue, log, storage };
  const metrics = createMetrics();
  const authenticator = createAuthenticator(kernel);

  const app = await createHttp({
    config: { ...config, redisPrefix: prefix },
    metrics,
    authenticate: authenticator.http,
    redis,
    logger: options.logger,
  });
  const realtime = await createRealtime({
    db,
    dispatcher: events,
    authenticate: async (input) => {
      if (input.visitorToken) {
        const visitor = await resolveVisitor(kernel, input.visitorToken);
        return visitor
          ? {
              tenantId: visitor.tenantId,
              userId: null,
              contactId: visitor.contactId,
              inboxId: visitor.inboxId,
            }
          : null;
      }
      return authenticator.socket(input);
    },
    onTyping: typingRelay(kernel),
    onAgentHeartbeat: async (principal, connected) => {
      // on disconnect, age the heartbeat: another open tab refreshes it within a minute
      await db.tenantTx(principal.tenantId, (sql) =>
        sql.query(`UPDATE users SET last_seen_at = now() - make_interval(secs => $2) WHERE id = $1`, [
          principal.userId,
          connected ? 0 : 125,
        ]),
      );
    },
    authorizeRoom: async (principal, room) => {
      const [kind, id] = room.split(':');
      if (kind !== 'i' || !/^[0-9a-f-]{36}$/i.test(id ?? '')) return false;
      const rows = await db.tenantTx(principal.tenantId, (sql) =>
        sql.query('SELECT 1 FROM inboxes WHERE tenant_id = $1 AND id = $2', [principal.tenantId, id]),
      );
      return rows.length === 1;
    },
    redisUrl: config.redisUrl,
    redisPrefix: prefix,
    httpServer: config.roles.has('realtime') ? app.server : undefined,
  });

  registerMailJobs(kernel);
  registerBot(kernel);
  registerIdempotency(app, db);

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const checks: Record<string, string> = {};
    try {
      await db.system.query('SELECT 1');
      checks.database = 'ok';
      const pending = await pendingMigrations(db);
      checks.migrations = pending.length === 0 ? 'ok' : `pending: ${pending.join(', ')}`;
    } catch (err) {
      checks.database = `error: ${(err as Error).message}`;
    }
    if (redis) {
      try {
        await redis.ping();
        checks.redis = 'ok';
      } catch (err) {
        checks.redis = `error: ${(err as Error).message}`;
      }
    }
    const ok = Object.values(checks).every((v) => v === 'ok');
    return reply.code(ok ? 200 : 503).send({ ok, mode: db.mode, checks });
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    metrics.openSockets.set(realtime.socketCount());
    const depths = await queue.depths().catch(() => null);
    for (const q of QUEUES) if (depths) metrics.queueDepth.set({ queue: q }, depths[q]);
    const [lag] = await db.system.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS lag
       FROM events WHERE dispatched_at IS NULL`,
    );
    metrics.outboxPending.set(lag.pending);
    metrics.outboxLag.set(lag.lag);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  if (config.roles.has('api')) {
    app.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
    for (const register of [
      authRoutes,
      agentRoutes,
      teamRoutes,
      tenantRoutes,
      apiTokenRoutes,
      inboxRoutes,
      adminRoutes,
      conversationRoutes,
      contactRoutes,
      cannedRoutes,
      widgetRoutes,
      demoRoutes,
      knowledgeRoutes,
      helpCenterRoutes,
      botRoutes,
    ]) {
      register(app, kernel);
    }
  }

  const timers: NodeJS.Timeout[] = [];
  if (config.roles.has('worker')) {
    queue.startWorkers();
    events.startPolling(db.mode === 'scaled' ? 250 : 1000);
  }
  if (config.roles.has('cron')) {
    const prune = async () => {
      try {
        await db.system.query(
          `DELETE FROM events WHERE dispatched_at IS NOT NULL AND created_at < now() - make_interval(hours => $1)`,
          [config.eventRetentionHours],
        );
        await db.system.query(`DELETE FROM sessions WHERE expires_at < now()`);
        await db.system.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
      } catch (err) {
        log.warn({ err }, 'pruning failed');
      }
    };
    const timer = setInterval(prune, 15 * 60_000);
    const wake = setInterval(
      () => void wakeSnoozed(kernel).catch((err) => log.warn({ err }, 'waking snoozed conversations failed')),
      30_000,
    );
    wake.unref();
    timers.push(wake);
    timer.unref();
    timers.push(timer);
  }

  let closed = false;
  return {
    app,
    kernel,
    realtime,
    async listen() {
      return app.listen({ port: config.port, host: config.host });
    },
    /** Graceful: stop accepting, disconnect sockets (clients resume elsewhere), finish jobs and events. */
    async close() {
      if (closed) return;
      closed = true;
      timers.forEach(clearInterval);
      await realtime.close().catch(() => undefined);
      await app.close().catch(() => undefined);
      await queue.close();
      await events.stop();
      if (redis) await redis.quit().catch(() => undefined);
      if (ownsDb) await db.close();
    },
  };
}
