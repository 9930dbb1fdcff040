import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import { audit } from '../audit/index.js';
import type { CategoryInput, CategoryNode, CategoryPatch, CategoryView } from './schemas.js';

const iso = (v: unknown) => new Date(v as string).toISOString();
const cleanTexts = (texts: Record<string, string | undefined> | undefined) =>
  Object.fromEntries(
    Object.entries(texts ?? {})
      .map(([k, v]) => [k, (v ?? '').trim()] as const)
      .filter(([, v]) => v.length > 0),
  );

export function presentCategory(r: any): CategoryView {
  return {
    id: r.id,
    parentId: r.parent_id,
    names: r.names ?? {},
    descriptions: r.descriptions ?? {},
    position: r.position,
    articleCount: Number(r.article_count ?? 0),
    faqCount: Number(r.faq_count ?? 0),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** Nests a flat, ordered list into a tree (children keep the list's order). */
export function buildTree(items: CategoryView[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(items.map((c) => [c.id, { ...c, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Every category with how many articles and FAQ entries it holds (published/active only when `publicOnly`). */
export async function queryCategories(sql: Sql, tenantId: string, publicOnly = false) {
  const rows = await sql.query(
    `SELECT c.*,
       (SELECT count(*) FROM kb_articles a WHERE a.category_id = c.id AND (NOT $2 OR a.status = 'published')) AS article_count,
       (SELECT count(*) FROM kb_faqs f WHERE f.category_id = c.id AND (NOT $2 OR (f.enabled
          AND (f.valid_from IS NULL OR f.valid_from <= now()) AND (f.valid_until IS NULL OR f.valid_until > now())))) AS faq_count
     FROM kb_categories c WHERE c.tenant_id = $1 ORDER BY c.position, c.created_at, c.id`,
    [tenantId, publicOnly],
  );
  return rows.map(presentCategory);
}

export async function listCategories(kernel: Kernel, ctx: RequestContext) {
  const items = await kernel.db.tenantTx(ctx.tenantId, (sql) => queryCategories(sql, ctx.tenantId));
  return { items, tree: buildTree(items) };
}

async function loadCategory(sql: Sql, tenantId: string, id: string, lock = false) {
  const [row] = await sql.query(
    `SELECT * FROM kb_categories WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  if (!row) throw notFound('category');
  return row;
}

/** Throws 404 unless the category exists in this tenant (used for articles' and FAQ entries' categoryId). */
export async function assertCategory(sql: Sql, tenantId: string, id: string | null | undefined) {
  if (!id) return;
  const [row] = await sql.query('SELECT 1 FROM kb_categories WHERE tenant_id = $1 AND id = $2', [
    tenantId,
    id,
  ]);
  if (!row)
    throw new AppError(404, 'category_not_found', 'category not found', [
      { field: 'categoryId', message: 'no such category' },
    ]);
}

export async function getCategory(kernel: Kernel, ctx: RequestContext, id: string) {
  return kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    await loadCategory(sql, ctx.tenantId, id);
    const all = await queryCategories(sql, ctx.tenantId);
    return all.find((c) => c.id === id)!;
  });
}

export async function createCategory(kernel: Kernel, ctx: RequestContext, input: CategoryInput) {
  const names = cleanTexts(input.names);
  if (Object.keys(names).length === 0) throw invalidField('names', 'give a name in at least one language');
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const parentId = input.parentId ?? null;
    if (parentId) await loadCategory(tx.sql, ctx.tenantId, parentId).catch(parentMissing);
    const [row] = await tx.sql.query(
      `INSERT INTO kb_categories (tenant_id, parent_id, names, descriptions, position)
       VALUES ($1, $2, $3, $4, COALESCE($5, (SELECT COALESCE(max(position) + 1, 0) FROM kb_categories
         WHERE tenant_id = $1 AND parent_id IS NOT DISTINCT FROM $2::uuid))) RETURNING *`,
      [
        ctx.tenantId,
        parentId,
        JSON.stringify(names),
        JSON.stringify(cleanTexts(input.descriptions)),
        input.position ?? null,
      ],
    );
    tx.emit('kb.category.changed', { categoryId: row.id, action: 'created' });
    return presentCategory(row);
  });
}

const parentMissing = (err: unknown): never => {
  if (err instanceof AppError && err.status === 404)
    throw new AppError(404, 'category_not_found', 'parent category not found', [
      { field: 'parentId', message: 'no such category' },
    ]);
  throw err;
};

export async function updateCategory(kernel: Kernel, ctx: RequestContext, id: string, patch: CategoryPatch) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const row = await loadCategory(tx.sql, ctx.tenantId, id, true);
    let parentId: string | null = row.parent_id;
    if (patch.parentId !== undefined) {
      parentId = patch.parentId;
      if (parentId) {
        await loadCategory(tx.sql, ctx.tenantId, parentId).catch(parentMissing);
        // the new parent must not be this category or one of its descendants
        const ancestors = await tx.sql.query(
          `WITH RECURSIVE up AS (
             SELECT id, parent_id, 1 AS depth FROM kb_categories WHERE tenant_id = $1 AND id = $2
             UNION ALL
             SELECT c.id, c.parent_id, up.depth + 1 FROM kb_categories c JOIN up ON c.id = up.parent_id
             WHERE c.tenant_id = $1 AND up.depth < 100)
           SELECT id FROM up`,
          [ctx.tenantId, parentId],
        );
        if (ancestors.some((a: any) => a.id === id))
          throw new AppError(
            409,
            'category_cycle',
            'a category cannot move under itself or its subcategories',
            [{ field: 'parentId', message: 'would make a cycle' }],
          );
      }
    }
    const names = patch.names ? { ...row.names, ...cleanTexts(patch.names) } : row.names;
    const descriptions = patch.descriptions
      ? Object.fromEntries(
          Object.entries({ ...row.descriptions, ...patch.descriptions }).filter(([, v]) => String(v).trim()),
        )
      : row.descriptions;
    const [updated] = await tx.sql.query(
      `UPDATE kb_categories SET parent_id = $3, names = $4, descriptions = $5, position = COALESCE($6, position),
         updated_at = kefu_now() WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [
        ctx.tenantId,
        id,
        parentId,
        JSON.stringify(names),
        JSON.stringify(descriptions),
        patch.position ?? null,
      ],
    );
    tx.emit('kb.category.changed', { categoryId: id, action: 'updated' });
    const all = await queryCategories(tx.sql, ctx.tenantId);
    return all.find((c) => c.id === updated.id)!;
  });
}

/** Deletes an empty category; one with subcategories, articles or FAQ entries is refused with 409. */
export async function deleteCategory(kernel: Kernel, ctx: RequestContext, id: string) {
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const row = await loadCategory(tx.sql, ctx.tenantId, id, true);
    const [counts] = await tx.sql.query(
      `SELECT (SELECT count(*) FROM kb_categories WHERE tenant_id = $1 AND parent_id = $2)::int AS children,
              (SELECT count(*) FROM kb_articles WHERE tenant_id = $1 AND category_id = $2)::int AS articles,
              (SELECT count(*) FROM kb_faqs WHERE tenant_id = $1 AND category_id = $2)::int AS faqs`,
      [ctx.tenantId, id],
    );
    if (counts.children + counts.articles + counts.faqs > 0)
      throw new AppError(
        409,
        'category_not_empty',
        'move or delete its subcategories, articles and FAQ entries first',
        counts,
      );
    await tx.sql.query('DELETE FROM kb_categories WHERE tenant_id = $1 AND id = $2', [ctx.tenantId, id]);
    await audit(tx.sql, ctx, 'kb.category.deleted', { type: 'kb_category', id }, { names: row.names });
    tx.emit('kb.category.changed', { categoryId: id, action: 'deleted' });
  });
}

/** Category path of names ("配送 / 运费") in a locale, for exports and breadcrumbs. */
export function categoryPath(
  byId: Map<string, CategoryView>,
  id: string | null,
  locale: string,
  sep = '/',
): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (
    let c = id ? byId.get(id) : undefined;
    c && !seen.has(c.id);
    c = c.parentId ? byId.get(c.parentId) : undefined
  ) {
    seen.add(c.id);
    names.unshift(localized(c.names, locale));
  }
  return names.join(sep);
}

/** The text in `locale`, else in the other locale. */
export function localized(texts: Record<string, string>, locale: string): string {
  return texts[locale] ?? texts['zh-CN'] ?? texts.en ?? Object.values(texts)[0] ?? '';
}
