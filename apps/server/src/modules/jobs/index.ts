import { Type } from 'typebox';
import type { Kernel } from '../../kernel.js';
import { notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import type { QueueName } from '../../platform/queue.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { audit } from '../audit/index.js';

export const DeadJob = Type.Object({
  id: Type.String(),
  queue: Type.String(),
  name: Type.String(),
  attempts: Type.Integer(),
  error: Type.String(),
  failedAt: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export async function listDeadJobs(kernel: Kernel, tenantId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT *, failed_at AS created_at FROM dead_jobs WHERE tenant_id = $1
         AND ($2::timestamptz IS NULL OR (failed_at, id) < ($2, $3::uuid))
       ORDER BY failed_at DESC, id DESC LIMIT $4`,
      [tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
    ),
  );
  return pageOf(rows, limit, (r: any) => ({
    id: r.id,
    queue: r.queue,
    name: r.name,
    attempts: r.attempts,
    error: r.error,
    failedAt: new Date(r.failed_at).toISOString(),
    data: r.data,
  }));
}

/** Puts a dead job back on its queue; the row is removed in the same step so a double click retries once. */
export async function retryDeadJob(kernel: Kernel, ctx: RequestContext, id: string) {
  const row = await kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    const [deleted] = await sql.query('DELETE FROM dead_jobs WHERE tenant_id = $1 AND id = $2 RETURNING *', [
      ctx.tenantId,
      id,
    ]);
    if (!deleted) throw notFound('job');
    await audit(sql, ctx, 'job.retried', { type: 'job', id }, { queue: deleted.queue, name: deleted.name });
    return deleted;
  });
  await kernel.queue.add(
    row.queue as QueueName,
    row.name,
    { ...row.data, tenantId: ctx.tenantId },
    { attempts: 3 },
  );
}
