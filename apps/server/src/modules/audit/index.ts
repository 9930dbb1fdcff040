import { Type } from 'typebox';
import type { Sql } from '../../platform/db.js';
import type { RequestContext } from '../../platform/principal.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';

/** Records an admin action in the caller's transaction, so the audit row commits with the change. */
export async function audit(
  sql: Sql,
  ctx: RequestContext,
  action: string,
  target: { type: string; id: string } | null,
  details: Record<string, unknown> = {},
) {
  await sql.query(
    `INSERT INTO audit_log (tenant_id, actor_user_id, actor_token_id, action, target_type, target_id, ip, user_agent, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      ctx.tenantId,
      ctx.userId,
      ctx.tokenId,
      action,
      target?.type ?? null,
      target?.id ?? null,
      ctx.ip,
      ctx.userAgent,
      JSON.stringify(details),
    ],
  );
}

export const AuditEntry = Type.Object({
  id: Type.String(),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }),
    Type.Null(),
  ]),
  tokenId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
});

export async function listAudit(sql: Sql, tenantId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await sql.query(
    `SELECT a.*, u.name AS actor_name, u.email AS actor_email FROM audit_log a
     LEFT JOIN users u ON u.id = a.actor_user_id
     WHERE a.tenant_id = $1 AND ($2::timestamptz IS NULL OR (a.created_at, a.id) < ($2, $3::uuid))
     ORDER BY a.created_at DESC, a.id DESC LIMIT $4`,
    [tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
  );
  return pageOf(rows, limit, (r: any) => ({
    id: r.id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    actor: r.actor_user_id ? { id: r.actor_user_id, name: r.actor_name, email: r.actor_email } : null,
    tokenId: r.actor_token_id,
    ip: r.ip,
    userAgent: r.user_agent,
    details: r.details ?? {},
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
