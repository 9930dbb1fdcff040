import { Type } from 'typebox';
import type { Kernel } from '../../kernel.js';
import { notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import type { TenantTx } from '../../platform/events.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { audit } from '../audit/index.js';
import { WebsiteSettings, resolveSettings } from '../widget/settings.js';
import { randomToken } from '../../platform/crypto.js';

// Channels land one by one (website first); the table and events are in place for all of them.
export const ChannelSchema = Type.Union([
  Type.Literal('website'),
  Type.Literal('email'),
  Type.Literal('api'),
  Type.Literal('wechat'),
]);
export const Inbox = Type.Object({
  id: Type.String(),
  publicId: Type.String(),
  name: Type.String(),
  channel: ChannelSchema,
  settings: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
});
export const InboxInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  channel: ChannelSchema,
});
export const InboxPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  settings: Type.Optional(WebsiteSettings),
});

const present = (r: any) => ({
  id: r.id,
  publicId: r.public_id,
  name: r.name,
  channel: r.channel,
  settings: r.channel === 'website' ? resolveSettings(r.settings) : (r.settings ?? {}),
  createdAt: new Date(r.created_at).toISOString(),
});

export async function insertInbox(
  tx: TenantTx,
  input: { name: string; channel: 'website' | 'email' | 'api' | 'wechat'; settings?: WebsiteSettings },
) {
  const [row] = await tx.sql.query(
    'INSERT INTO inboxes (tenant_id, name, channel, settings) VALUES ($1, $2, $3, $4) RETURNING *',
    [tx.tenantId, input.name, input.channel, JSON.stringify(input.settings ?? {})],
  );
  tx.emit('inbox.created', { inboxId: row.id, name: row.name, channel: row.channel });
  return present(row);
}

export async function createInbox(
  kernel: Kernel,
  ctx: RequestContext,
  input: { name: string; channel: 'website' | 'email' | 'api' | 'wechat' },
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const inbox = await insertInbox(tx, input);
    await audit(
      tx.sql,
      ctx,
      'inbox.created',
      { type: 'inbox', id: inbox.id },
      { name: inbox.name, channel: inbox.channel },
    );
    return inbox;
  });
}

export async function listInboxes(kernel: Kernel, tenantId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT * FROM inboxes WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
    ),
  );
  return pageOf(rows, limit, present);
}

export async function getInbox(kernel: Kernel, tenantId: string, id: string) {
  const [row] = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query('SELECT * FROM inboxes WHERE tenant_id = $1 AND id = $2', [tenantId, id]),
  );
  if (!row) throw notFound('inbox');
  return present(row);
}

export async function updateInbox(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  patch: { name?: string; settings?: WebsiteSettings },
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql.query(
      `UPDATE inboxes SET name = COALESCE($3, name), settings = CASE WHEN $4::jsonb IS NULL THEN settings ELSE settings || $4::jsonb END,
         updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [ctx.tenantId, id, patch.name ?? null, patch.settings ? JSON.stringify(patch.settings) : null],
    );
    if (!row) throw notFound('inbox');
    await audit(tx.sql, ctx, 'inbox.updated', { type: 'inbox', id }, patch);
    tx.emit('inbox.updated', { inboxId: id, changes: Object.keys(patch) });
    return present(row);
  });
}

export async function inboxSnippet(kernel: Kernel, tenantId: string, id: string) {
  const inbox = await getInbox(kernel, tenantId, id);
  const snippet = `<script src="${kernel.config.publicUrl}/widget.js" data-inbox="${inbox.publicId}" async></script>`;
  return { snippet, publicId: inbox.publicId };
}

/** A new identity-verification secret; the old one stops working at once. Shown once. */
export async function rotateIdentitySecret(kernel: Kernel, ctx: RequestContext, id: string) {
  const secret = randomToken(32);
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql.query(
      'UPDATE inboxes SET identity_secret = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id',
      [ctx.tenantId, id, secret],
    );
    if (!row) throw notFound('inbox');
    await audit(tx.sql, ctx, 'inbox.identity_secret_rotated', { type: 'inbox', id });
    tx.emit('inbox.updated', { inboxId: id, changes: ['identitySecret'] });
  });
  return { secret };
}
