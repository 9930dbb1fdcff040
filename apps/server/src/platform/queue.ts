import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Database } from './db.js';
import type { Logger } from './events.js';

/** Separate queues so slow work (webhooks, e-mail) never delays message delivery. */
export const QUEUES = ['default', 'email', 'webhooks'] as const;
export type QueueName = (typeof QUEUES)[number];

const CONCURRENCY: Record<QueueName, number> = { default: 8, email: 2, webhooks: 4 };

export interface JobData {
  tenantId: string;
  [key: string]: unknown;
}
export interface JobOptions {
  /** Same id = same job: a second add with it is ignored, which makes enqueueing idempotent. */
  jobId?: string;
  attempts?: number;
  backoffMs?: number;
  delayMs?: number;
}
export interface JobContext {
  id: string;
  queue: QueueName;
  name: string;
  data: JobData;
  attempt: number;
}
export type JobHandler = (job: JobContext) => Promise<void>;

export interface JobQueue {
  add(queue: QueueName, name: string, data: JobData, options?: JobOptions): Promise<void>;
  handle(queue: QueueName, name: string, handler: JobHandler): void;
  /** Starts consuming (only on nodes with the worker role). */
  startWorkers(): void;
  depths(): Promise<Record<QueueName, number>>;
  /** Stops taking jobs and waits for running ones. */
  close(): Promise<void>;
}

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_BACKOFF_MS = 1000;

/** After the last attempt a job lands in the tenant's dead-letter list, where an admin can retry it. */
async function recordDead(db: Database, job: JobContext, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  await db.tenantTx(job.data.tenantId, (sql) =>
    sql.query(
      'INSERT INTO dead_jobs (tenant_id, queue, name, data, attempts, error) VALUES ($1, $2, $3, $4, $5, $6)',
      [job.data.tenantId, job.queue, job.name, JSON.stringify(job.data), job.attempt, message.slice(0, 2000)],
    ),
  );
}

// Retention of finished job ids, the same as the BullMQ options in RedisJobQueue.add.
const COMPLETED_KEEP_MS = 3600_000;
const FAILED_KEEP_MS = 24 * 3600_000;
const COMPLETED_KEEP_COUNT = 1000;

type Handlers = Map<string, JobHandler>;
const handlerKey = (queue: QueueName, name: string) => `${queue}:${name}`;

/** Embedded mode: jobs run in this process, with retries and exponential backoff. */
export class MemoryJobQueue implements JobQueue {
  private handlers: Handlers = new Map();
  private waiting: Record<QueueName, { ctx: JobContext; options: JobOptions }[]> = {
    default: [],
    email: [],
    webhooks: [],
  };
  private active: Record<QueueName, number> = { default: 0, email: 0, webhooks: 0 };
  /** Job ids (`queue:id`) waiting, delayed or running: adding one of these again is a no-op. */
  private pendingIds = new Set<string>();
  /** Finished job ids with when they may be reused, oldest first (BullMQ's retention, below). */
  private finishedIds = new Map<string, number>();
  private timers = new Set<NodeJS.Timeout>();
  private working = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private db: Database,
    private log: Logger,
  ) {}

  handle(queue: QueueName, name: string, handler: JobHandler) {
    this.handlers.set(handlerKey(queue, name), handler);
  }

  async add(queue: QueueName, name: string, data: JobData, options: JobOptions = {}) {
    if (this.closed) throw new Error('queue is closed');
    const id = options.jobId ?? crypto.randomUUID();
    if (options.jobId) {
      const key = `${queue}:${id}`;
      this.forgetFinished();
      if (this.pendingIds.has(key) || this.finishedIds.has(key)) return;
      this.pendingIds.add(key);
    }
    const entry = { ctx: { id, queue, name, data, attempt: 0 }, options };
    if (options.delayMs) this.later(() => this.enqueue(entry), options.delayMs);
    else this.enqueue(entry);
  }

  private later(fn: () => void, ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private enqueue(entry: { ctx: JobContext; options: JobOptions }) {
    this.waiting[entry.ctx.queue].push(entry);
    this.pump(entry.ctx.queue);
  }

  startWorkers() {
    this.working = true;
    for (const q of QUEUES) this.pump(q);
  }

  private pump(queue: QueueName) {
    if (!this.working || this.closed) return;
    while (this.active[queue] < CONCURRENCY[queue] && this.waiting[queue].length > 0) {
      const entry = this.waiting[queue].shift()!;
      this.active[queue]++;
      void this.run(entry).finally(() => {
        this.active[queue]--;
        this.pump(queue);
        if (this.isIdle()) this.idleWaiters.splice(0).forEach((w) => w());
      });
    }
  }

  private async run(entry: { ctx: JobContext; options: JobOptions }) {
    const { ctx, options } = entry;
    ctx.attempt++;
    const handler = this.handlers.get(handlerKey(ctx.queue, ctx.name));
    try {
      if (!handler) throw new Error(`no handler for job ${ctx.queue}/${ctx.name}`);
      await handler(ctx);
      this.finished(entry, COMPLETED_KEEP_MS);
    } catch (err) {
      const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
      if (ctx.attempt < attempts && !this.closed) {
        const delay = (options.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (ctx.attempt - 1);
        this.log.warn({ err, job: ctx.name, attempt: ctx.attempt }, 'job failed, will retry');
        this.later(() => this.enqueue(entry), delay);
      } else {
        this.log.error({ err, job: ctx.name, attempt: ctx.attempt }, 'job failed for good');
        await recordDead(this.db, ctx, err).catch((e) =>
          this.log.error({ err: e }, 'could not record dead job'),
        );
        this.finished(entry, FAILED_KEEP_MS);
      }
    }
  }

  /**
   * Like BullMQ with removeOnComplete/removeOnFail, a finished job's id blocks duplicates only for a
   * while (and only the last COMPLETED_KEEP_COUNT of them), so a long-running server does not keep
   * every id it ever saw.
   */
  private finished(entry: { ctx: JobContext; options: JobOptions }, keepMs: number) {
    if (!entry.options.jobId) return;
    const key = `${entry.ctx.queue}:${entry.ctx.id}`;
    this.pendingIds.delete(key);
    this.finishedIds.delete(key);
    this.finishedIds.set(key, Date.now() + keepMs);
    this.forgetFinished();
  }

  private forgetFinished() {
    const now = Date.now();
    for (const [key, until] of this.finishedIds) {
      if (until > now && this.finishedIds.size <= COMPLETED_KEEP_COUNT) break;
      this.finishedIds.delete(key);
    }
  }

  /** Number of job ids remembered for de-duplication (waiting/running + recently finished). */
  get rememberedIds(): number {
    return this.pendingIds.size + this.finishedIds.size;
  }

  private isIdle() {
    return QUEUES.every((q) => this.active[q] === 0 && (this.waiting[q].length === 0 || !this.working));
  }

  /** Resolves when nothing is running or waiting (tests and graceful shutdown). */
  async idle() {
    if (this.isIdle() && this.timers.size === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async depths() {
    return Object.fromEntries(QUEUES.map((q) => [q, this.waiting[q].length + this.active[q]])) as Record<
      QueueName,
      number
    >;
  }

  async close() {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    while (QUEUES.some((q) => this.active[q] > 0)) await new Promise((r) => setTimeout(r, 10));
  }
}

/** Scaled mode: BullMQ on Redis, one BullMQ queue per Kefu queue. */
export class BullJobQueue implements JobQueue {
  private handlers: Handlers = new Map();
  private queues: Record<QueueName, Queue>;
  private workers: Worker[] = [];

  constructor(
    private db: Database,
    private log: Logger,
    private connection: ConnectionOptions,
    private prefix = 'kefu',
  ) {
    this.queues = Object.fromEntries(QUEUES.map((q) => [q, new Queue(q, { connection, prefix })])) as Record<
      QueueName,
      Queue
    >;
  }

  handle(queue: QueueName, name: string, handler: JobHandler) {
    this.handlers.set(handlerKey(queue, name), handler);
  }

  async add(queue: QueueName, name: string, data: JobData, options: JobOptions = {}) {
    await this.queues[queue].add(name, data, {
      jobId: options.jobId,
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
      delay: options.delayMs,
      removeOnComplete: { age: COMPLETED_KEEP_MS / 1000, count: COMPLETED_KEEP_COUNT },
      removeOnFail: { age: FAILED_KEEP_MS / 1000 },
    });
  }

  startWorkers() {
    for (const queue of QUEUES) {
      const worker = new Worker(
        queue,
        async (job) => {
          const handler = this.handlers.get(handlerKey(queue, job.name));
          if (!handler) throw new Error(`no handler for job ${queue}/${job.name}`);
          await handler({
            id: job.id!,
            queue,
            name: job.name,
            data: job.data,
            attempt: job.attemptsMade + 1,
          });
        },
        { connection: this.connection, prefix: this.prefix, concurrency: CONCURRENCY[queue] },
      );
      worker.on('failed', (job, err) => {
        if (!job) return;
        const attempts = job.opts.attempts ?? 1;
        if (job.attemptsMade >= attempts) {
          const ctx: JobContext = {
            id: job.id!,
            queue,
            name: job.name,
            data: job.data,
            attempt: job.attemptsMade,
          };
          void recordDead(this.db, ctx, err).catch((e) =>
            this.log.error({ err: e }, 'could not record dead job'),
          );
        }
      });
      worker.on('error', (err) => this.log.warn({ err }, 'queue worker error'));
      this.workers.push(worker);
    }
  }

  async depths() {
    const entries = await Promise.all(QUEUES.map(async (q) => [q, await this.queues[q].count()] as const));
    return Object.fromEntries(entries) as Record<QueueName, number>;
  }

  async close() {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
