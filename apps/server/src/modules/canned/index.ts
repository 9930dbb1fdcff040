import { Type } from 'typebox';
import type { Kernel } from '../../kernel.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import { escapeLike } from '../conversations/index.js';

export const CannedResponse = Type.Object({
  id: Type.String(),
  shortcut: Type.String(),
  title: Type.String(),
  body: Type.String(),
  category: Type.String(),
  shared: Type.Boolean(),
  ownerId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export const CannedInput = Type.Object({
  shortcut: Type.String({ minLength: 1, maxLength: 50, pattern: '^[^\\s/]+$' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  shared: Type.Optional(Type.Boolean()),
});
export const CannedPatch = Type.Partial(Type.Omit(CannedInput, ['shared']));

const present = (r: any) => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  body: r.body,
  category: r.category,
  shared: r.owner_id === null,
  ownerId: r.owner_id,
  createdAt: new Date(r.created_at).toISOString(),
});
const canShare = (ctx: RequestContext) =>
  ctx.role === null || ['owner', 'admin', 'supervisor'].includes(ctx.role);
const taken = (err: any) => {
  if (err.code === '23505')
    throw new AppError(409, 'shortcut_taken', 'this shortcut is in use', [
      { field: 'shortcut', message: 'taken' },
    ]);
  throw err;
};

/** Shared responses and the caller's own; `q` matches shortcut, title, body and category. */
export async function listCanned(kernel: Kernel, ctx: RequestContext, q?: string) {
  const like = escapeLike((q ?? '').trim().replace(/^\//, ''));
  const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      `SELECT * FROM canned_responses WHERE tenant_id = $1 AND (owner_id IS NULL OR owner_id = $2)
         AND ($3 = '' OR shortcut ILIKE $3 || '%' OR title ILIKE '%' || $3 || '%' OR body ILIKE '%' || $3 || '%' OR category ILIKE '%' || $3 || '%')
       ORDER BY (shortcut ILIKE $3 || '%') DESC, category, shortcut LIMIT 200`,
      [ctx.tenantId, ctx.userId, like],
    ),
  );
  return { items: rows.map(present) };
}

export async function createCanned(
  kernel: Kernel,
  ctx: RequestContext,
  input: { shortcut: string; title: string; body: string; category?: string; shared?: boolean },
) {
  const shared = input.shared ?? false;
  if (shared && !canShare(ctx))
    throw forbidden('only owners, admins and supervisors create shared responses');
  if (!shared && !ctx.userId) throw forbidden('API tokens can only create shared responses');
  const [row] = await kernel.db
    .tenantTx(ctx.tenantId, (sql) =>
      sql.query(
        'INSERT INTO canned_responses (tenant_id, owner_id, shortcut, title, body, category) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
        [
          ctx.tenantId,
          shared ? null : ctx.userId,
          input.shortcut,
          input.title,
          input.body,
          input.category ?? '',
        ],
      ),
    )
    .catch(taken);
  return present(row);
}

async function loadOwned(kernel: Kernel, ctx: RequestContext, id: string) {
  const [row] = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      'SELECT * FROM canned_responses WHERE tenant_id = $1 AND id = $2 AND (owner_id IS NULL OR owner_id = $3)',
      [ctx.tenantId, id, ctx.userId],
    ),
  );
  if (!row) throw notFound('canned_response');
  if (row.owner_id === null && !canShare(ctx))
    throw forbidden('only owners, admins and supervisors change shared responses');
  return row;
}

export async function updateCanned(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  patch: { shortcut?: string; title?: string; body?: string; category?: string },
) {
  await loadOwned(kernel, ctx, id);
  const [row] = await kernel.db
    .tenantTx(ctx.tenantId, (sql) =>
      sql.query(
        `UPDATE canned_responses SET shortcut = COALESCE($3, shortcut), title = COALESCE($4, title), body = COALESCE($5, body),
           category = COALESCE($6, category), updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [
          ctx.tenantId,
          id,
          patch.shortcut ?? null,
          patch.title ?? null,
          patch.body ?? null,
          patch.category ?? null,
        ],
      ),
    )
    .catch(taken);
  return present(row);
}

export async function deleteCanned(kernel: Kernel, ctx: RequestContext, id: string) {
  await loadOwned(kernel, ctx, id);
  await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query('DELETE FROM canned_responses WHERE tenant_id = $1 AND id = $2', [ctx.tenantId, id]),
  );
}

/** Fills `{{contact.name}}`-style variables; unknown variables stay as written. */
export function renderCanned(body: string, vars: Record<string, string | number | null | undefined>) {
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => {
    const value = vars[key];
    return value === undefined || value === null ? whole : String(value);
  });
}
