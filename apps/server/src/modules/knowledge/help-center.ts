import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { articleSelect, presentArticle } from './articles.js';
import { buildTree, queryCategories } from './categories.js';
import { ACTIVE_FAQ_SQL, presentFaq } from './faqs.js';
import type { CategoryView, KbLocale } from './schemas.js';

/**
 * What the public help center reads: only published articles and active FAQ entries of one tenant, found by
 * its slug. Everything but the slug lookup runs in a tenant-bound transaction (row-level security applies).
 */

export interface PublicTenant {
  id: string;
  name: string;
  slug: string;
  defaultLocale: KbLocale;
  timezone: string;
}

export async function findTenantBySlug(kernel: Kernel, slug: string): Promise<PublicTenant | null> {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/.test(slug)) return null;
  // no tenant is known yet: the one lookup by public slug runs as the owner role
  const [row] = await kernel.db.system.query(
    'SELECT id, name, slug, default_locale, timezone FROM tenants WHERE slug = $1',
    [slug],
  );
  return row
    ? {
        id: row.id,
        name: row.name,
        slug: row.slug,
        defaultLocale: row.default_locale === 'en' ? 'en' : 'zh-CN',
        timezone: row.timezone,
      }
    : null;
}

/** Categories with what a visitor finds inside each: published articles, its subcategories' included. */
async function publicCategories(sql: Sql, tenantId: string): Promise<CategoryView[]> {
  const categories = await queryCategories(sql, tenantId, true);
  const children = new Map<string | null, CategoryView[]>();
  for (const c of categories) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const total = (c: CategoryView, depth: number): number =>
    c.articleCount +
    (depth > 20 ? 0 : (children.get(c.id) ?? []).reduce((n, child) => n + total(child, depth + 1), 0));
  return categories.map((c) => ({ ...c, articleCount: total(c, 0) }));
}

export interface ListedArticle {
  id: string;
  slug: string;
  categoryId: string | null;
  translations: Record<string, { title: string; description: string; excerpt: string }>;
  updatedAt: string;
}

const LIST_SQL = `SELECT a.id, a.slug, a.category_id, a.updated_at, a.views,
    (SELECT jsonb_object_agg(t.locale, jsonb_build_object('title', t.title, 'description', t.description,
       'excerpt', left(t.body_md, 600))) FROM kb_article_translations t WHERE t.article_id = a.id) AS translations
  FROM kb_articles a WHERE a.tenant_id = $1 AND a.status = 'published'`;

const listed = (r: any): ListedArticle => ({
  id: r.id,
  slug: r.slug,
  categoryId: r.category_id,
  translations: r.translations ?? {},
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The home page: the category tree (with published counts) and the most read articles. */
export async function homeData(kernel: Kernel, tenant: PublicTenant) {
  return kernel.db.tenantTx(tenant.id, async (sql) => {
    const categories = await publicCategories(sql, tenant.id);
    const popular = await sql.query(
      `${LIST_SQL} ORDER BY a.views DESC, a.published_at DESC NULLS LAST, a.id LIMIT 8`,
      [tenant.id],
    );
    return { categories, tree: buildTree(categories), popular: popular.map(listed) };
  });
}

/** A category page: its path from the top, subcategories, published articles and active FAQ entries. */
export async function categoryData(
  kernel: Kernel,
  tenant: PublicTenant,
  categoryId: string,
  locale: KbLocale,
) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(categoryId)) return null;
  return kernel.db.tenantTx(tenant.id, async (sql) => {
    const categories = await publicCategories(sql, tenant.id);
    const byId = new Map(categories.map((c) => [c.id, c]));
    const category = byId.get(categoryId);
    if (!category) return null;
    const path: CategoryView[] = [];
    for (
      let c: CategoryView | undefined = category;
      c && path.length < 20;
      c = c.parentId ? byId.get(c.parentId) : undefined
    )
      path.unshift(c);
    const articles = await sql.query(`${LIST_SQL} AND a.category_id = $2 ORDER BY a.published_at, a.id`, [
      tenant.id,
      categoryId,
    ]);
    const faqs = await sql.query(
      `SELECT * FROM kb_faqs f WHERE f.tenant_id = $1 AND f.category_id = $2 AND f.locale = $3 AND ${ACTIVE_FAQ_SQL}
       ORDER BY f.created_at, f.id LIMIT 200`,
      [tenant.id, categoryId, locale],
    );
    return {
      category,
      path,
      children: categories.filter((c) => c.parentId === categoryId),
      articles: articles.map(listed),
      faqs: faqs.map(presentFaq),
      categories,
    };
  });
}

/** A published article by slug, with its category path; counts the view. */
export async function articleData(kernel: Kernel, tenant: PublicTenant, slug: string) {
  if (slug.length > 80) return null;
  return kernel.db.tenantTx(tenant.id, async (sql) => {
    const [row] = await sql.query(
      `${articleSelect(true)} WHERE a.tenant_id = $1 AND a.slug = $2 AND a.status = 'published'`,
      [tenant.id, slug],
    );
    if (!row) return null;
    await sql.query('UPDATE kb_articles SET views = views + 1 WHERE tenant_id = $1 AND id = $2', [
      tenant.id,
      row.id,
    ]);
    const categories = await publicCategories(sql, tenant.id);
    const byId = new Map(categories.map((c) => [c.id, c]));
    const path: CategoryView[] = [];
    for (
      let c = row.category_id ? byId.get(row.category_id) : undefined;
      c && path.length < 20;
      c = c.parentId ? byId.get(c.parentId) : undefined
    )
      path.unshift(c);
    // what a reader may want next: the same category's most read articles, then the site's
    const related = await sql.query(
      `${LIST_SQL} AND a.id <> $2
       ORDER BY (a.category_id IS NOT DISTINCT FROM $3::uuid) DESC, a.views DESC, a.published_at DESC NULLS LAST, a.id
       LIMIT 5`,
      [tenant.id, row.id, row.category_id],
    );
    return { article: presentArticle(row), path, related: related.map(listed) };
  });
}

/**
 * One vote per article and visitor fingerprint: a second vote from the same visitor replaces the first.
 * Returns the article's counts, or null when no published article has this slug.
 */
export async function recordFeedback(
  kernel: Kernel,
  tenant: PublicTenant,
  slug: string,
  fingerprint: string,
  locale: KbLocale,
  helpful: boolean,
) {
  if (slug.length > 80) return null;
  return kernel.db.tenantTx(tenant.id, async (sql) => {
    const [article] = await sql.query(
      `SELECT id FROM kb_articles WHERE tenant_id = $1 AND slug = $2 AND status = 'published'`,
      [tenant.id, slug],
    );
    if (!article) return null;
    await sql.query(
      `INSERT INTO kb_feedback (tenant_id, article_id, fingerprint, locale, helpful) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (article_id, fingerprint) DO UPDATE SET helpful = EXCLUDED.helpful, locale = EXCLUDED.locale,
         updated_at = kefu_now()`,
      [tenant.id, article.id, fingerprint, locale, helpful],
    );
    const [counts] = await sql.query(
      `SELECT count(*) FILTER (WHERE helpful)::int AS yes, count(*) FILTER (WHERE NOT helpful)::int AS no
       FROM kb_feedback WHERE tenant_id = $1 AND article_id = $2`,
      [tenant.id, article.id],
    );
    return { yes: counts.yes as number, no: counts.no as number };
  });
}

/** Everything public, for sitemap.xml: published articles (with their languages) and categories. */
export async function sitemapData(kernel: Kernel, tenant: PublicTenant) {
  return kernel.db.tenantTx(tenant.id, async (sql) => {
    const articles = await sql.query(
      `SELECT a.slug, a.updated_at, ARRAY(SELECT t.locale FROM kb_article_translations t WHERE t.article_id = a.id
         ORDER BY t.locale) AS locales
       FROM kb_articles a WHERE a.tenant_id = $1 AND a.status = 'published' ORDER BY a.published_at, a.id LIMIT 50000`,
      [tenant.id],
    );
    const categories = await sql.query(
      'SELECT id, updated_at FROM kb_categories WHERE tenant_id = $1 ORDER BY position, id LIMIT 10000',
      [tenant.id],
    );
    return {
      articles: articles.map((r: any) => ({
        slug: r.slug as string,
        locales: r.locales as string[],
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
      categories: categories.map((r: any) => ({
        id: r.id as string,
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
    };
  });
}

/** Active FAQ entries by id (the answers shown under search hits). */
export async function activeFaqsByIds(kernel: Kernel, tenant: PublicTenant, ids: string[]) {
  if (ids.length === 0) return new Map<string, ReturnType<typeof presentFaq>>();
  const rows = await kernel.db.tenantTx(tenant.id, (sql) =>
    sql.query(
      `SELECT * FROM kb_faqs f WHERE f.tenant_id = $1 AND f.id = ANY($2::uuid[]) AND ${ACTIVE_FAQ_SQL}`,
      [tenant.id, ids],
    ),
  );
  return new Map(rows.map((r: any) => [r.id as string, presentFaq(r)]));
}
