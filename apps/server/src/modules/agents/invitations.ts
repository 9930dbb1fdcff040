import { Type } from 'typebox';
import { ROLE_RANK, type Role } from '@kefu/shared';
import type { Kernel } from '../../kernel.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { t } from '../../platform/i18n.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { audit } from '../audit/index.js';
import { queueMail } from '../mail/index.js';
import { RoleSchema, insertUser, type User } from './index.js';

const INVITE_TTL_DAYS = 7;

export const Invitation = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  expiresAt: Type.String(),
  createdAt: Type.String(),
  invitedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
});

function presentInvitation(r: any) {
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    expiresAt: new Date(r.expires_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
    invitedBy: r.invited_by ? { id: r.invited_by, name: r.inviter_name ?? '' } : null,
  };
}

export async function createInvitation(kernel: Kernel, ctx: RequestContext, email: string, role: Role) {
  const actorRank = ctx.role ? ROLE_RANK[ctx.role] : ROLE_RANK.admin;
  if (ROLE_RANK[role] > actorRank) throw forbidden('only an owner can invite an owner');
  const address = email.trim().toLowerCase();
  const [existing] = await kernel.db.system.query('SELECT 1 FROM users WHERE lower(email) = $1', [address]);
  if (existing) {
    throw new AppError(409, 'email_taken', 'an account with this e-mail exists already', [
      { field: 'email', message: 'taken' },
    ]);
  }
  const token = randomToken();
  return kernel.events.run(ctx.tenantId, async (tx) => {
    // a new invitation replaces any pending one for the same address
    await tx.sql.query(
      `UPDATE invitations SET revoked_at = now() WHERE tenant_id = $1 AND lower(email) = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [ctx.tenantId, address],
    );
    const [row] = await tx.sql.query(
      `INSERT INTO invitations (tenant_id, email, role, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + interval '${INVITE_TTL_DAYS} days') RETURNING *`,
      [ctx.tenantId, address, role, sha256(token), ctx.userId],
    );
    const [tenant] = await tx.sql.query('SELECT name, default_locale FROM tenants WHERE id = $1', [
      ctx.tenantId,
    ]);
    const [inviter] = ctx.userId
      ? await tx.sql.query('SELECT name FROM users WHERE id = $1', [ctx.userId])
      : [];
    const locale = tenant.default_locale;
    const vars = {
      inviter: inviter?.name ?? tenant.name,
      workspace: tenant.name,
      role: t(locale, `role.${role}`),
      link: `${kernel.config.publicUrl}/accept-invite?token=${token}`,
    };
    await queueMail(kernel, tx, {
      to: address,
      subject: t(locale, 'mail.invite.subject', vars),
      text: t(locale, 'mail.invite.text', vars),
    });
    await audit(
      tx.sql,
      ctx,
      'invitation.created',
      { type: 'invitation', id: row.id },
      { email: address, role },
    );
    tx.emit('invitation.created', { invitationId: row.id, email: address, role });
    return presentInvitation({ ...row, inviter_name: inviter?.name });
  });
}

export async function listInvitations(kernel: Kernel, tenantId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT i.*, u.name AS inviter_name FROM invitations i LEFT JOIN users u ON u.id = i.invited_by
       WHERE i.tenant_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
         AND ($2::timestamptz IS NULL OR (i.created_at, i.id) > ($2, $3::uuid))
       ORDER BY i.created_at, i.id LIMIT $4`,
      [tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
    ),
  );
  return pageOf(rows, limit, presentInvitation);
}

export async function revokeInvitation(kernel: Kernel, ctx: RequestContext, id: string) {
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql.query(
      `UPDATE invitations SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
       RETURNING id`,
      [ctx.tenantId, id],
    );
    if (!row) throw notFound('invitation');
    await audit(tx.sql, ctx, 'invitation.revoked', { type: 'invitation', id });
    tx.emit('invitation.revoked', { invitationId: id });
  });
}

async function findPending(kernel: Kernel, token: string) {
  const [row] = await kernel.db.system.query(
    `SELECT i.*, t.name AS workspace_name FROM invitations i JOIN tenants t ON t.id = i.tenant_id
     WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
    [sha256(token)],
  );
  if (!row) throw notFound('invitation');
  return row;
}

export async function describeInvitation(kernel: Kernel, token: string) {
  const row = await findPending(kernel, token);
  return { email: row.email as string, role: row.role as Role, workspaceName: row.workspace_name as string };
}

/** Single use: the conditional update claims the invitation, so two accepts cannot both succeed. */
export async function acceptInvitation(
  kernel: Kernel,
  input: { token: string; name: string; password: string },
  origin: { ip: string | null; userAgent: string | null },
): Promise<{ user: User; tenantId: string }> {
  const pending = await findPending(kernel, input.token);
  const tenantId = pending.tenant_id as string;
  const user = await kernel.events.run(tenantId, async (tx) => {
    const [claimed] = await tx.sql.query(
      `UPDATE invitations SET accepted_at = now() WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING *`,
      [pending.id],
    );
    if (!claimed) throw conflict('invitation_used', 'this invitation was used already');
    const [tenant] = await tx.sql.query('SELECT default_locale FROM tenants WHERE id = $1', [tenantId]);
    const created = await insertUser(tx, {
      email: claimed.email,
      name: input.name,
      password: input.password,
      role: claimed.role,
      locale: tenant.default_locale,
    });
    await audit(
      tx.sql,
      {
        tenantId,
        userId: created.id,
        tokenId: null,
        role: created.role,
        ip: origin.ip,
        userAgent: origin.userAgent,
      },
      'invitation.accepted',
      { type: 'user', id: created.id },
      { invitationId: claimed.id },
    );
    return created;
  });
  return { user, tenantId };
}
