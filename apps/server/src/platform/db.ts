import fs from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/** Deadlock and serialization failure: the transaction lost a race and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const TX_ATTEMPTS = 4;

/** Anything that runs parameterised SQL: the pool, a transaction, PGlite. */
export interface Sql {
  query<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (migrations); no parameters. */
  exec(text: string): Promise<void>;
}

export interface Database {
  readonly mode: 'embedded' | 'scaled';
  /**
   * Queries as the owner role, which bypasses row-level security. Only for what has no tenant yet or spans
   * tenants: migrations, signup, login by e-mail, session lookup, the outbox dispatcher.
   */
  readonly system: Sql;
  /** A transaction as the owner role (no tenant bound). */
  systemTx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * A transaction bound to one tenant: it runs as the restricted `kefu_app` role with `app.tenant_id` set,
   * so row-level security hides every other tenant's rows even if a query forgets its tenant filter.
   */
  tenantTx<T>(tenantId: string, fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** Holds a cluster-wide advisory lock on one connection while `fn` runs (migrations). */
  withLock<T>(key: number, fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const APP_ROLE = 'kefu_app';

/** One round trip: `set_config('role', …, true)` is `SET LOCAL ROLE`, both transaction-scoped. */
async function bindTenant(sql: Sql, tenantId: string) {
  await sql.query(`SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', $1, true)`, [
    tenantId,
  ]);
}

// int8 (bigint) columns come back as numbers: our sequences stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

function clientSql(client: pg.PoolClient | pg.Pool): Sql {
  return {
    query: async (text, params) => (await client.query(text, params as any[])).rows,
    exec: async (text) => {
      await client.query(text);
    },
  };
}

export function createPgDatabase(connectionString: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => {
    // an idle client lost its connection; the pool replaces it on next use
  });
  const attempt = async <T>(fn: (sql: Sql) => Promise<T>, tenantId?: string): Promise<T> => {
    const client = await pool.connect();
    const sql = clientSql(client);
    try {
      await client.query('BEGIN');
      if (tenantId) await bindTenant(sql, tenantId);
      const result = await fn(sql);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  // Concurrent writers of one conversation (a customer typing while the bot answers, on another node) can
  // deadlock on its row; PostgreSQL then aborts one of them. Nothing of it was committed and its after-commit
  // work never ran, so running it again is safe — the victim retries instead of failing the request.
  const run = async <T>(fn: (sql: Sql) => Promise<T>, tenantId?: string): Promise<T> => {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt(fn, tenantId);
      } catch (err) {
        if (tries >= TX_ATTEMPTS || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * tries));
      }
    }
  };
  return {
    mode: 'scaled',
    system: clientSql(pool),
    systemTx: (fn) => run(fn),
    tenantTx: (tenantId, fn) => run(fn, tenantId),
    withLock: async (key, fn) => {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn(clientSql(client));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PGlite: real PostgreSQL compiled to WASM, in this process. `dataDir` null keeps it in memory (tests). */
export async function createPgliteDatabase(dataDir: string | null): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const wrap = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Sql => ({
    query: async (text, params) => (await q.query(text, params as any[])).rows as any[],
    exec: async (text) => {
      await q.exec(text);
    },
  });
  const run = <T>(fn: (sql: Sql) => Promise<T>, tenantId?: string) =>
    db.transaction(async (tx) => {
      const sql = wrap(tx);
      if (tenantId) await bindTenant(sql, tenantId);
      return fn(sql);
    });
  return {
    mode: 'embedded',
    system: wrap(db),
    systemTx: (fn) => run(fn),
    tenantTx: (tenantId, fn) => run(fn, tenantId),
    // one process owns a PGlite database, so there is nobody to lock against
    withLock: (_key, fn) => fn(wrap(db)),
    close: () => db.close(),
  };
}
