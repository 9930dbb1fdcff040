import { Type } from 'typebox';
import type { Kernel } from '../../kernel.js';
import type { RequestContext } from '../../platform/principal.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { forbidden } from '../../platform/errors.js';

export const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  conversationId: Type.Union([Type.String(), Type.Null()]),
  messageId: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export async function listNotifications(kernel: Kernel, ctx: RequestContext, limit: number, cursor?: string) {
  if (!ctx.userId) throw forbidden('notifications belong to people');
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      `SELECT n.*, u.name AS actor_name FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
       WHERE n.tenant_id = $1 AND n.user_id = $2 AND ($3::timestamptz IS NULL OR (n.created_at, n.id) < ($3, $4::uuid))
       ORDER BY n.created_at DESC, n.id DESC LIMIT $5`,
      [ctx.tenantId, ctx.userId, after?.at ?? null, after?.id ?? null, limit + 1],
    ),
  );
  const page = pageOf(rows, limit, (r: any) => ({
    id: r.id,
    kind: r.kind,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name } : null,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  }));
  const [{ unread }] = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      'SELECT count(*)::int AS unread FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL',
      [ctx.tenantId, ctx.userId],
    ),
  );
  return { ...page, unread };
}

export async function markNotificationsRead(kernel: Kernel, ctx: RequestContext, ids?: string[]) {
  if (!ctx.userId) throw forbidden('notifications belong to people');
  await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      `UPDATE notifications SET read_at = now() WHERE tenant_id = $1 AND user_id = $2 AND read_at IS NULL AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))`,
      [ctx.tenantId, ctx.userId, ids ?? null],
    ),
  );
}
