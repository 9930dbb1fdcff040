import { Type, type Static } from 'typebox';
import { ROLE_RANK, rooms, type Role } from '@kefu/shared';
import type { Kernel } from '../../kernel.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import type { TenantTx } from '../../platform/events.js';
import type { Sql } from '../../platform/db.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { hashPassword, verifyPassword } from '../../platform/crypto.js';
import { audit } from '../audit/index.js';
import { LocaleSchema } from '../tenants/index.js';

export const RoleSchema = Type.Union([
  Type.Literal('owner'),
  Type.Literal('admin'),
  Type.Literal('supervisor'),
  Type.Literal('agent'),
]);
export const PresenceSchema = Type.Union([
  Type.Literal('online'),
  Type.Literal('away'),
  Type.Literal('offline'),
]);
export const EmailSchema = Type.String({ format: 'email', maxLength: 254 });
export const PasswordSchema = Type.String({ minLength: 8, maxLength: 200 });
export const NameSchema = Type.String({ minLength: 1, maxLength: 100 });

export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  locale: LocaleSchema,
  presence: PresenceSchema,
  active: Type.Boolean(),
  teamIds: Type.Array(Type.String()),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type User = Static<typeof User>;

export function presentUser(r: any, teamIds: string[] = r.team_ids ?? []): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    locale: r.locale,
    presence: r.presence,
    active: r.active,
    teamIds: teamIds.filter(Boolean),
    avatarUrl: r.avatar_url ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const USER_SELECT = `SELECT u.*, COALESCE(array_agg(tm.team_id::text) FILTER (WHERE tm.team_id IS NOT NULL), '{}') AS team_ids
  FROM users u LEFT JOIN team_members tm ON tm.user_id = u.id`;

export async function insertUser(
  tx: TenantTx,
  input: { email: string; name: string; password: string; role: Role; locale: string },
) {
  const [row] = await tx.sql
    .query(
      `INSERT INTO users (tenant_id, email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        tx.tenantId,
        input.email.trim().toLowerCase(),
        input.name.trim(),
        await hashPassword(input.password),
        input.role,
        input.locale,
      ],
    )
    .catch((err) => {
      if (err.code === '23505') {
        throw new AppError(409, 'email_taken', 'an account with this e-mail exists already', [
          { field: 'email', message: 'taken' },
        ]);
      }
      throw err;
    });
  tx.emit('user.created', { userId: row.id, email: row.email, role: row.role });
  return presentUser(row, []);
}

export async function getUserIn(sql: Sql, tenantId: string, userId: string) {
  const [row] = await sql.query(`${USER_SELECT} WHERE u.tenant_id = $1 AND u.id = $2 GROUP BY u.id`, [
    tenantId,
    userId,
  ]);
  return row ?? null;
}

export async function getUser(kernel: Kernel, tenantId: string, userId: string) {
  const row = await kernel.db.tenantTx(tenantId, (sql) => getUserIn(sql, tenantId, userId));
  if (!row) throw notFound('user');
  return presentUser(row);
}

export async function listUsers(kernel: Kernel, tenantId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `${USER_SELECT} WHERE u.tenant_id = $1 AND ($2::timestamptz IS NULL OR (u.created_at, u.id) > ($2, $3::uuid))
       GROUP BY u.id ORDER BY u.created_at, u.id LIMIT $4`,
      [tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
    ),
  );
  return pageOf(rows, limit, (r) => presentUser(r));
}

export const UserPatch = Type.Object({
  role: Type.Optional(RoleSchema),
  active: Type.Optional(Type.Boolean()),
  name: Type.Optional(NameSchema),
});

/** Role changes and (de)activation by an admin: nobody outranks themselves, and a workspace keeps an owner. */
export async function updateUser(
  kernel: Kernel,
  ctx: RequestContext,
  userId: string,
  patch: Static<typeof UserPatch>,
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const row = await getUserIn(tx.sql, ctx.tenantId, userId);
    if (!row) throw notFound('user');
    const actorRank = ctx.role ? ROLE_RANK[ctx.role] : ROLE_RANK.admin; // API tokens act at admin level
    if (ROLE_RANK[row.role as Role] > actorRank || (patch.role && ROLE_RANK[patch.role] > actorRank)) {
      throw forbidden('only an owner can grant or change the owner role');
    }
    if (userId === ctx.userId && (patch.active === false || (patch.role && patch.role !== row.role))) {
      throw forbidden('you cannot demote or deactivate yourself; ask another admin');
    }
    const losesOwner =
      row.role === 'owner' && ((patch.role && patch.role !== 'owner') || patch.active === false);
    if (losesOwner) {
      const [{ count }] = await tx.sql.query(
        `SELECT count(*)::int AS count FROM users WHERE tenant_id = $1 AND role = 'owner' AND active`,
        [ctx.tenantId],
      );
      if (count <= 1) throw conflict('last_owner', 'a workspace needs at least one active owner');
    }
    const [updated] = await tx.sql.query(
      `UPDATE users SET role = COALESCE($3, role), active = COALESCE($4, active), name = COALESCE($5, name),
         presence = CASE WHEN $4 = false THEN 'offline' ELSE presence END, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [ctx.tenantId, userId, patch.role ?? null, patch.active ?? null, patch.name ?? null],
    );
    if (patch.active === false)
      await tx.sql.query('DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2', [
        ctx.tenantId,
        userId,
      ]);
    const changes = Object.keys(patch);
    await audit(
      tx.sql,
      ctx,
      'user.updated',
      { type: 'user', id: userId },
      { ...patch, previousRole: row.role },
    );
    tx.emit('user.updated', { userId, changes });
    return presentUser(updated, row.team_ids);
  });
}

export async function updateProfile(
  kernel: Kernel,
  ctx: RequestContext,
  patch: { name?: string; locale?: string; avatarUrl?: string | null },
) {
  if (!ctx.userId) throw forbidden('API tokens have no profile');
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql.query(
      `UPDATE users SET name = COALESCE($3, name), locale = COALESCE($4, locale),
         avatar_url = CASE WHEN $5::boolean THEN $6 ELSE avatar_url END, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [
        ctx.tenantId,
        ctx.userId,
        patch.name?.trim() ?? null,
        patch.locale ?? null,
        patch.avatarUrl !== undefined,
        patch.avatarUrl || null,
      ],
    );
    if (!row) throw notFound('user');
    tx.emit('user.updated', { userId: ctx.userId!, changes: Object.keys(patch) }, [rooms.user(ctx.userId!)]);
    return presentUser(await getUserIn(tx.sql, ctx.tenantId, ctx.userId!));
  });
}

export async function changePassword(
  kernel: Kernel,
  ctx: RequestContext,
  current: string,
  next: string,
  keepSessionId?: string,
) {
  if (!ctx.userId) throw forbidden('API tokens have no password');
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql.query('SELECT password_hash FROM users WHERE tenant_id = $1 AND id = $2', [
      ctx.tenantId,
      ctx.userId,
    ]);
    if (!row || !(await verifyPassword(row.password_hash, current))) {
      throw new AppError(400, 'password_wrong', 'the current password is wrong', [
        { field: 'currentPassword', message: 'wrong' },
      ]);
    }
    await tx.sql.query(
      'UPDATE users SET password_hash = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2',
      [ctx.tenantId, ctx.userId, await hashPassword(next)],
    );
    // other devices signed in with the old password are signed out
    await tx.sql.query('DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2 AND id <> $3::uuid', [
      ctx.tenantId,
      ctx.userId,
      keepSessionId ?? '00000000-0000-0000-0000-000000000000',
    ]);
    await audit(tx.sql, ctx, 'user.password_changed', { type: 'user', id: ctx.userId! });
  });
}

export async function setPresence(
  kernel: Kernel,
  ctx: RequestContext,
  presence: 'online' | 'away' | 'offline',
) {
  if (!ctx.userId) throw forbidden('API tokens have no presence');
  return kernel.events.run(ctx.tenantId, async (tx) => {
    await tx.sql.query('UPDATE users SET presence = $3 WHERE tenant_id = $1 AND id = $2', [
      ctx.tenantId,
      ctx.userId,
      presence,
    ]);
    tx.emit('user.presence_changed', { userId: ctx.userId!, presence });
    return presentUser(await getUserIn(tx.sql, ctx.tenantId, ctx.userId!));
  });
}
