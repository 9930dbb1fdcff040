import { rooms as roomNames, type EventEnvelope, type EventName, type EventPayloads } from '@kefu/shared';
import type { Database, Sql } from './db.js';

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

interface PendingEvent {
  name: EventName;
  payload: unknown;
  rooms: string[];
}

/**
 * One tenant-bound transaction. Services write their change through `sql`, name the events it causes with
 * `emit`, and queue side effects with `afterCommit`; the events are written to the outbox in the same
 * transaction (so the change and its events commit together) and dispatched once it has committed.
 */
export class TenantTx {
  readonly events: PendingEvent[] = [];
  readonly afterCommitHooks: (() => Promise<void> | void)[] = [];
  constructor(
    readonly sql: Sql,
    readonly tenantId: string,
  ) {}

  emit<N extends EventName>(
    name: N,
    payload: EventPayloads[N],
    rooms: string[] = [roomNames.tenant(this.tenantId)],
  ) {
    this.events.push({ name, payload, rooms });
  }

  afterCommit(fn: () => Promise<void> | void) {
    this.afterCommitHooks.push(fn);
  }
}

/**
 * Writes a transaction's events at its end. Taking the tenant's sequence last keeps its row lock short, and
 * taking it in the same statement as the insert keeps it one round trip shorter: the lock serialises all of
 * the tenant's writers until commit, so a round trip under it (and the wait for a busy event loop to send the
 * next statement) caps the tenant's message rate.
 */
async function writeOutbox(tx: TenantTx) {
  const count = tx.events.length;
  if (count === 0) return;
  const written = await tx.sql.query(
    `WITH t AS (UPDATE tenants SET event_seq = event_seq + $2 WHERE id = $1 RETURNING event_seq)
     INSERT INTO events (tenant_id, seq, name, payload, rooms)
     SELECT $1, t.event_seq - $2 + e.i, e.n, e.p, ARRAY(SELECT jsonb_array_elements_text(e.r))
     FROM t, unnest($3::text[], $4::jsonb[], $5::jsonb[]) WITH ORDINALITY AS e(n, p, r, i)
     RETURNING seq`,
    [
      tx.tenantId,
      count,
      tx.events.map((e) => e.name),
      tx.events.map((e) => JSON.stringify(e.payload)),
      tx.events.map((e) => JSON.stringify(e.rooms)),
    ],
  );
  if (written.length !== count)
    throw new Error(`tenant ${tx.tenantId} not found: its events were not written`);
}

export type EventListener = (event: EventEnvelope) => Promise<void> | void;
export type RoomEmitter = (rooms: string[], event: EventEnvelope) => void;

const DISPATCH_LOCK = 72_656_662;
const BATCH = 500;

/**
 * Delivers committed outbox rows, in sequence order, to in-process listeners and Socket.IO rooms.
 * One dispatcher at a time across the cluster (a transaction-scoped advisory lock) keeps every tenant's
 * stream in order; whoever commits kicks it, and a slow poll catches anything a crashed node left behind.
 */
export class EventDispatcher {
  private listeners = new Map<string, EventListener[]>();
  private roomEmitter: RoomEmitter | null = null;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastBatch = 0;
  delivered = 0;

  constructor(
    private db: Database,
    private log: Logger,
  ) {}

  on(name: EventName | '*', listener: EventListener) {
    const list = this.listeners.get(name) ?? [];
    list.push(listener);
    this.listeners.set(name, list);
  }

  setRoomEmitter(emitter: RoomEmitter | null) {
    this.roomEmitter = emitter;
  }

  /** Runs `fn` in a tenant transaction, writes its events to the outbox, and dispatches after commit. */
  async run<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    let unit!: TenantTx;
    const result = await this.db.tenantTx(tenantId, async (sql) => {
      unit = new TenantTx(sql, tenantId);
      const value = await fn(unit);
      await writeOutbox(unit);
      return value;
    });
    if (unit.events.length > 0) this.kick();
    for (const hook of unit.afterCommitHooks) {
      try {
        await hook();
      } catch (err) {
        this.log.error({ err }, 'after-commit hook failed');
      }
    }
    return result;
  }

  kick() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  private async drain() {
    this.running = true;
    try {
      let busyRetries = 0;
      for (;;) {
        this.again = false;
        const outcome = await this.flushOnce();
        if (outcome === 'busy') {
          // another node is dispatching; it may have read before our commit, so look again shortly
          if (++busyRetries > 50) break;
          await new Promise((r) => setTimeout(r, 10));
          continue;
        }
        // a partial batch took everything committed before it ran, and a commit since then has kicked again:
        // no need for one more (empty) transaction to find out
        if ((outcome === 'empty' || (outcome === 'done' && this.lastBatch < BATCH)) && !this.again) break;
      }
    } catch (err) {
      if (!this.stopped) this.log.error({ err }, 'event dispatch failed');
    } finally {
      this.running = false;
    }
  }

  /** Dispatches one batch; returns whether there was work, none, or another dispatcher held the lock. */
  async flushOnce(): Promise<'done' | 'empty' | 'busy'> {
    return this.db.systemTx(async (sql) => {
      const [{ locked }] = await sql.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [DISPATCH_LOCK],
      );
      if (!locked) return 'busy';
      const rows = await sql.query<EventRow>(
        `UPDATE events SET dispatched_at = now()
         WHERE id IN (SELECT id FROM events WHERE dispatched_at IS NULL ORDER BY tenant_id, seq LIMIT ${BATCH})
         RETURNING id, tenant_id, seq, name, payload, rooms, created_at`,
      );
      this.lastBatch = rows.length;
      if (rows.length === 0) return 'empty';
      rows.sort((a, b) => (a.tenant_id === b.tenant_id ? a.seq - b.seq : a.tenant_id < b.tenant_id ? -1 : 1));
      for (const row of rows) await this.deliver(toEnvelope(row));
      return 'done';
    });
  }

  private async deliver(event: EventEnvelope) {
    this.delivered++;
    this.roomEmitter?.(event.rooms, event);
    const listeners = [...(this.listeners.get(event.name) ?? []), ...(this.listeners.get('*') ?? [])];
    for (const listener of listeners) {
      try {
        await listener(event);
      } catch (err) {
        this.log.error({ err, event: event.name }, 'event listener failed');
      }
    }
  }

  startPolling(intervalMs: number) {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }
}

export interface EventRow {
  id: string;
  tenant_id: string;
  seq: number;
  name: string;
  payload: unknown;
  rooms: string[];
  created_at: Date | string;
}

export function toEnvelope(row: EventRow): EventEnvelope {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    name: row.name as EventName,
    payload: row.payload as any,
    rooms: row.rooms,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Events after `lastSeq` addressed to any of `socketRooms`, for a client that reconnects. */
export async function replayEvents(
  db: Database,
  tenantId: string,
  lastSeq: number,
  socketRooms: string[],
  limit = 1000,
) {
  return db.tenantTx(tenantId, async (sql) => {
    const [tenant] = await sql.query<{ event_seq: number }>('SELECT event_seq FROM tenants WHERE id = $1', [
      tenantId,
    ]);
    const seq = Number(tenant?.event_seq ?? 0);
    if (lastSeq < 0) return { events: [] as EventEnvelope[], seq, truncated: false };
    const [oldest] = await sql.query<{ min: number | null }>(
      'SELECT min(seq) AS min FROM events WHERE tenant_id = $1',
      [tenantId],
    );
    const rows = await sql.query<EventRow>(
      `SELECT id, tenant_id, seq, name, payload, rooms, created_at FROM events
       WHERE tenant_id = $1 AND seq > $2 AND rooms && $3::text[] ORDER BY seq LIMIT $4`,
      [tenantId, lastSeq, socketRooms, limit + 1],
    );
    // events older than the retention window are gone: the client must reload its state
    const truncated = rows.length > limit || (oldest?.min != null && Number(oldest.min) > lastSeq + 1);
    return { events: rows.slice(0, limit).map(toEnvelope), seq, truncated };
  });
}
