import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './db.js';

export const MIGRATIONS_DIR = new URL('../../migrations', import.meta.url).pathname;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3,}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.split('_')[0]),
      name: file.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

const LOCK_KEY = 72_656_661; // arbitrary constant: one migrator at a time across nodes

/** Applies pending migrations in order, each in its own transaction; safe to run from several nodes at once. */
export async function migrate(db: Database, log: (msg: string) => void = () => undefined): Promise<string[]> {
  const applied: string[] = [];
  await db.withLock(LOCK_KEY, async (lockSql) => {
    await lockSql.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await lockSql.query<{ version: number }>('SELECT version FROM schema_migrations')).map(
        (r) => r.version,
      ),
    );
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      await db.systemTx(async (sql) => {
        await sql.exec(m.sql);
        await sql.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
      applied.push(m.name);
      log(`applied migration ${m.name}`);
    }
  });
  return applied;
}

export async function pendingMigrations(db: Database): Promise<string[]> {
  const exists = await db.system.query(`SELECT to_regclass('schema_migrations') AS t`);
  const done = exists[0]?.t
    ? new Set(
        (await db.system.query<{ version: number }>('SELECT version FROM schema_migrations')).map(
          (r) => r.version,
        ),
      )
    : new Set<number>();
  return listMigrations()
    .filter((m) => !done.has(m.version))
    .map((m) => m.name);
}
