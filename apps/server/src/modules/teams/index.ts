import { Type } from 'typebox';
import type { Kernel } from '../../kernel.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import type { Sql } from '../../platform/db.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { audit } from '../audit/index.js';

export const Team = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  memberIds: Type.Array(Type.String()),
  createdAt: Type.String(),
});
export const TeamInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
});
export const TeamPatch = Type.Partial(TeamInput);

const SELECT = `SELECT t.*, COALESCE(array_agg(m.user_id::text) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS member_ids
  FROM teams t LEFT JOIN team_members m ON m.team_id = t.id`;
const present = (r: any) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  memberIds: r.member_ids ?? [],
  createdAt: new Date(r.created_at).toISOString(),
});
const nameTaken = (err: any) => {
  if (err.code === '23505')
    throw new AppError(409, 'team_name_taken', 'a team with this name exists', [
      { field: 'name', message: 'taken' },
    ]);
  throw err;
};

async function load(sql: Sql, tenantId: string, id: string) {
  const [row] = await sql.query(`${SELECT} WHERE t.tenant_id = $1 AND t.id = $2 GROUP BY t.id`, [
    tenantId,
    id,
  ]);
  if (!row) throw notFound('team');
  return present(row);
}

export async function listTeams(kernel: Kernel, tenantId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `${SELECT} WHERE t.tenant_id = $1 AND ($2::timestamptz IS NULL OR (t.created_at, t.id) > ($2, $3::uuid))
       GROUP BY t.id ORDER BY t.created_at, t.id LIMIT $4`,
      [tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
    ),
  );
  return pageOf(rows, limit, present);
}

export const getTeam = (kernel: Kernel, tenantId: string, id: string) =>
  kernel.db.tenantTx(tenantId, (sql) => load(sql, tenantId, id));

export async function createTeam(
  kernel: Kernel,
  ctx: RequestContext,
  input: { name: string; description?: string },
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql
      .query('INSERT INTO teams (tenant_id, name, description) VALUES ($1, $2, $3) RETURNING *', [
        ctx.tenantId,
        input.name.trim(),
        input.description ?? '',
      ])
      .catch(nameTaken);
    await audit(tx.sql, ctx, 'team.created', { type: 'team', id: row.id }, { name: row.name });
    tx.emit('team.created', { teamId: row.id, name: row.name });
    return present({ ...row, member_ids: [] });
  });
}

export async function updateTeam(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  patch: { name?: string; description?: string },
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql
      .query(
        'UPDATE teams SET name = COALESCE($3, name), description = COALESCE($4, description) WHERE tenant_id = $1 AND id = $2 RETURNING id',
        [ctx.tenantId, id, patch.name?.trim() ?? null, patch.description ?? null],
      )
      .catch(nameTaken);
    if (!row) throw notFound('team');
    await audit(tx.sql, ctx, 'team.updated', { type: 'team', id }, patch);
    tx.emit('team.updated', { teamId: id, changes: Object.keys(patch) });
    return load(tx.sql, ctx.tenantId, id);
  });
}

export async function deleteTeam(kernel: Kernel, ctx: RequestContext, id: string) {
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql.query('DELETE FROM teams WHERE tenant_id = $1 AND id = $2 RETURNING name', [
      ctx.tenantId,
      id,
    ]);
    if (!row) throw notFound('team');
    await audit(tx.sql, ctx, 'team.deleted', { type: 'team', id }, { name: row.name });
    tx.emit('team.deleted', { teamId: id });
  });
}

/** Replaces the member list; every id must be a user of this tenant (others look like absent users). */
export async function setTeamMembers(kernel: Kernel, ctx: RequestContext, id: string, userIds: string[]) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    await load(tx.sql, ctx.tenantId, id);
    const unique = [...new Set(userIds)];
    const found = await tx.sql.query('SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [
      ctx.tenantId,
      unique,
    ]);
    if (found.length !== unique.length) {
      const known = new Set(found.map((r: any) => r.id));
      const index = userIds.findIndex((u) => !known.has(u));
      throw new AppError(404, 'user_not_found', 'user not found', [
        { field: `userIds.${index}`, message: 'no such user' },
      ]);
    }
    await tx.sql.query('DELETE FROM team_members WHERE tenant_id = $1 AND team_id = $2', [ctx.tenantId, id]);
    if (unique.length > 0) {
      await tx.sql.query(
        'INSERT INTO team_members (tenant_id, team_id, user_id) SELECT $1, $2, u FROM unnest($3::uuid[]) AS u',
        [ctx.tenantId, id, unique],
      );
    }
    await audit(tx.sql, ctx, 'team.members_set', { type: 'team', id }, { userIds: unique });
    tx.emit('team.updated', { teamId: id, changes: ['members'] });
    return load(tx.sql, ctx.tenantId, id);
  });
}
