import crypto from 'node:crypto';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import type { TenantTx } from '../../platform/events.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { audit } from '../audit/index.js';
import { assertCategory } from './categories.js';
import {
  KB_LOCALES,
  isKbLocale,
  type ArticleInput,
  type ArticlePatch,
  type KbLocale,
  type TranslationInput,
  type TranslationsInput,
} from './schemas.js';
import { indexText, plainText } from './text.js';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** Articles with their author, helpful votes and translations (titles only, or everything with `full`). */
export const articleSelect = (full: boolean) => `
  SELECT a.*, u.name AS author_name,
    (SELECT jsonb_object_agg(t.locale, ${
      full
        ? `jsonb_build_object('title', t.title, 'description', t.description, 'bodyMd', t.body_md, 'updatedAt', t.updated_at)`
        : 't.title'
    }) FROM kb_article_translations t WHERE t.article_id = a.id) AS translations,
    (SELECT count(*) FROM kb_feedback f WHERE f.article_id = a.id AND f.helpful) AS helpful_yes,
    (SELECT count(*) FROM kb_feedback f WHERE f.article_id = a.id AND NOT f.helpful) AS helpful_no
  FROM kb_articles a LEFT JOIN users u ON u.id = a.author_id`;

export function presentArticleSummary(r: any) {
  const translations: Record<string, any> = r.translations ?? {};
  const titles = Object.fromEntries(
    Object.entries(translations).map(([locale, t]) => [locale, typeof t === 'string' ? t : t.title]),
  );
  return {
    id: r.id as string,
    slug: r.slug as string,
    status: r.status as 'draft' | 'published',
    categoryId: r.category_id as string | null,
    tags: (r.tags ?? []) as string[],
    titles,
    locales: KB_LOCALES.filter((l) => l in translations) as string[],
    author: r.author_id ? { id: r.author_id as string, name: (r.author_name ?? '') as string } : null,
    version: r.version as number,
    views: Number(r.views),
    helpful: { yes: Number(r.helpful_yes ?? 0), no: Number(r.helpful_no ?? 0) },
    publishedAt: iso(r.published_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export function presentArticle(r: any) {
  const translations = Object.fromEntries(
    Object.entries<any>(r.translations ?? {}).map(([locale, t]) => [
      locale,
      { title: t.title, description: t.description, bodyMd: t.bodyMd, updatedAt: iso(t.updatedAt)! },
    ]),
  );
  return { ...presentArticleSummary(r), translations };
}
export type ArticleView = ReturnType<typeof presentArticle>;

async function loadArticle(sql: Sql, tenantId: string, id: string, lock = false) {
  const [row] = await sql.query(
    `SELECT * FROM kb_articles WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  if (!row) throw notFound('article');
  return row;
}

async function readArticle(sql: Sql, tenantId: string, id: string) {
  const [row] = await sql.query(`${articleSelect(true)} WHERE a.tenant_id = $1 AND a.id = $2`, [
    tenantId,
    id,
  ]);
  if (!row) throw notFound('article');
  return presentArticle(row);
}

export async function getArticle(kernel: Kernel, ctx: RequestContext, id: string) {
  return kernel.db.tenantTx(ctx.tenantId, (sql) => readArticle(sql, ctx.tenantId, id));
}

export async function listArticles(
  kernel: Kernel,
  ctx: RequestContext,
  filter: { categoryId?: string; status?: string; tag?: string },
  limit: number,
  cursor?: string,
) {
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      `${articleSelect(false)}
       WHERE a.tenant_id = $1 AND ($2::uuid IS NULL OR a.category_id = $2) AND ($3::text IS NULL OR a.status = $3)
         AND ($4::text IS NULL OR $4 = ANY(a.tags))
         AND ($5::timestamptz IS NULL OR (a.created_at, a.id) < ($5, $6::uuid))
       ORDER BY a.created_at DESC, a.id DESC LIMIT $7`,
      [
        ctx.tenantId,
        filter.categoryId ?? null,
        filter.status ?? null,
        filter.tag ?? null,
        after?.at ?? null,
        after?.id ?? null,
        limit + 1,
      ],
    ),
  );
  return pageOf(rows, limit, presentArticleSummary);
}

const cleanTags = (tags: string[] | undefined) => [
  ...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean)),
];

/** A slug from the English title ("Refund policy" → "refund-policy"), or a random one for other scripts. */
function slugFrom(translations: TranslationsInput) {
  const base = (translations.en?.title ?? translations['zh-CN']?.title ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base.length >= 3 ? base : `article-${crypto.randomBytes(3).toString('hex')}`;
}

async function slugTaken(sql: Sql, tenantId: string, slug: string, exceptId: string | null) {
  const [row] = await sql.query(
    'SELECT 1 FROM kb_articles WHERE tenant_id = $1 AND slug = $2 AND ($3::uuid IS NULL OR id <> $3)',
    [tenantId, slug, exceptId],
  );
  return Boolean(row);
}
const slugConflict = () =>
  new AppError(409, 'slug_taken', 'another article has this slug', [{ field: 'slug', message: 'taken' }]);

export async function writeTranslation(
  sql: Sql,
  tenantId: string,
  articleId: string,
  locale: KbLocale,
  t: TranslationInput,
) {
  const title = t.title.trim();
  if (!title) throw invalidField(`translations.${locale}.title`, 'must not be blank');
  const description = (t.description ?? '').trim();
  await sql.query(
    `INSERT INTO kb_article_translations (tenant_id, article_id, locale, title, description, body_md, search)
     VALUES ($1, $2, $3, $4, $5, $6, setweight(to_tsvector('simple', $7), 'A') || setweight(to_tsvector('simple', $8), 'B')
       || setweight(to_tsvector('simple', $9), 'D'))
     ON CONFLICT (article_id, locale) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
       body_md = EXCLUDED.body_md, search = EXCLUDED.search, updated_at = kefu_now()`,
    [
      tenantId,
      articleId,
      locale,
      title,
      description,
      t.bodyMd,
      indexText(title),
      indexText(description),
      indexText(plainText(t.bodyMd)),
    ],
  );
}

/** Records the article as it now is (fields and every translation) as its next version. */
export async function snapshot(tx: TenantTx, ctx: RequestContext, articleId: string, note: string) {
  const [row] = await tx.sql.query(
    `UPDATE kb_articles SET version = version + 1, updated_at = kefu_now(), updated_by = $3
     WHERE tenant_id = $1 AND id = $2 RETURNING version, slug, category_id, tags`,
    [ctx.tenantId, articleId, ctx.userId],
  );
  const translations = await tx.sql.query(
    'SELECT locale, title, description, body_md FROM kb_article_translations WHERE article_id = $1 ORDER BY locale',
    [articleId],
  );
  const snap = {
    slug: row.slug,
    categoryId: row.category_id,
    tags: row.tags,
    translations: Object.fromEntries(
      translations.map((t: any) => [
        t.locale,
        { title: t.title, description: t.description, bodyMd: t.body_md },
      ]),
    ),
  };
  await tx.sql.query(
    `INSERT INTO kb_article_versions (tenant_id, article_id, version, snapshot, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [ctx.tenantId, articleId, row.version, JSON.stringify(snap), note, ctx.userId],
  );
}

function assertSomeTranslation(translations: TranslationsInput) {
  if (!KB_LOCALES.some((l) => translations[l]))
    throw invalidField('translations', 'give the article in at least one language (zh-CN or en)');
}

export async function createArticle(kernel: Kernel, ctx: RequestContext, input: ArticleInput) {
  assertSomeTranslation(input.translations);
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const id = await insertArticle(tx, ctx, input);
    const article = await readArticle(tx.sql, ctx.tenantId, id);
    tx.emit('kb.article.changed', { articleId: id, action: 'created', status: article.status });
    return article;
  });
}

/** Inserts an article with its translations and first version, in the caller's transaction; returns its id. */
export async function insertArticle(tx: TenantTx, ctx: RequestContext, input: ArticleInput) {
  await assertCategory(tx.sql, ctx.tenantId, input.categoryId);
  let slug = input.slug ?? slugFrom(input.translations);
  if (await slugTaken(tx.sql, ctx.tenantId, slug, null)) {
    if (input.slug) throw slugConflict();
    slug = `${slug.slice(0, 70)}-${crypto.randomBytes(3).toString('hex')}`;
  }
  const status = input.status ?? 'draft';
  const [row] = await tx.sql.query(
    `INSERT INTO kb_articles (tenant_id, category_id, slug, status, tags, author_id, updated_by, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, CASE WHEN $4 = 'published' THEN kefu_now() END) RETURNING id`,
    [ctx.tenantId, input.categoryId ?? null, slug, status, cleanTags(input.tags), ctx.userId],
  );
  for (const locale of KB_LOCALES) {
    const t = input.translations[locale];
    if (t) await writeTranslation(tx.sql, ctx.tenantId, row.id, locale, t);
  }
  await snapshot(tx, ctx, row.id, 'created');
  return row.id as string;
}

export async function updateArticle(kernel: Kernel, ctx: RequestContext, id: string, patch: ArticlePatch) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const row = await loadArticle(tx.sql, ctx.tenantId, id, true);
    if (patch.categoryId !== undefined) await assertCategory(tx.sql, ctx.tenantId, patch.categoryId);
    if (patch.slug && patch.slug !== row.slug && (await slugTaken(tx.sql, ctx.tenantId, patch.slug, id)))
      throw slugConflict();
    await tx.sql.query(
      `UPDATE kb_articles SET slug = COALESCE($3, slug), category_id = CASE WHEN $4 THEN $5::uuid ELSE category_id END,
         tags = COALESCE($6, tags) WHERE tenant_id = $1 AND id = $2`,
      [
        ctx.tenantId,
        id,
        patch.slug ?? null,
        patch.categoryId !== undefined,
        patch.categoryId ?? null,
        patch.tags ? cleanTags(patch.tags) : null,
      ],
    );
    for (const locale of KB_LOCALES) {
      const t = patch.translations?.[locale];
      if (!t) continue;
      const description =
        t.description ??
        (
          await tx.sql.query(
            'SELECT description FROM kb_article_translations WHERE article_id = $1 AND locale = $2',
            [id, locale],
          )
        )[0]?.description;
      await writeTranslation(tx.sql, ctx.tenantId, id, locale, { ...t, description });
    }
    await snapshot(tx, ctx, id, patch.note?.trim() ?? '');
    const article = await readArticle(tx.sql, ctx.tenantId, id);
    tx.emit('kb.article.changed', { articleId: id, action: 'updated', status: article.status });
    return article;
  });
}

/** Adds or replaces one language version; `locale` is checked after the article, so foreign ids stay 404. */
export async function putTranslation(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  locale: string,
  input: TranslationInput,
) {
  await kernel.db.tenantTx(ctx.tenantId, (sql) => loadArticle(sql, ctx.tenantId, id));
  if (!isKbLocale(locale)) throw invalidField('locale', 'must be zh-CN or en');
  return updateArticle(kernel, ctx, id, { translations: { [locale]: input }, note: `translation ${locale}` });
}

export async function deleteTranslation(kernel: Kernel, ctx: RequestContext, id: string, locale: string) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    await loadArticle(tx.sql, ctx.tenantId, id, true);
    const locales = (
      await tx.sql.query('SELECT locale FROM kb_article_translations WHERE article_id = $1', [id])
    ).map((r: any) => r.locale as string);
    if (!locales.includes(locale)) throw notFound('translation');
    if (locales.length === 1)
      throw new AppError(
        409,
        'last_translation',
        'an article keeps at least one language; delete the article instead',
      );
    await tx.sql.query('DELETE FROM kb_article_translations WHERE article_id = $1 AND locale = $2', [
      id,
      locale,
    ]);
    await snapshot(tx, ctx, id, `translation ${locale} removed`);
    const article = await readArticle(tx.sql, ctx.tenantId, id);
    tx.emit('kb.article.changed', { articleId: id, action: 'updated', status: article.status });
    return article;
  });
}

export async function setArticleStatus(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  status: 'draft' | 'published',
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    await loadArticle(tx.sql, ctx.tenantId, id, true);
    await tx.sql.query(
      `UPDATE kb_articles SET status = $3, updated_at = kefu_now(), updated_by = $4,
         published_at = CASE WHEN $3 = 'published' THEN COALESCE(published_at, kefu_now()) ELSE published_at END
       WHERE tenant_id = $1 AND id = $2`,
      [ctx.tenantId, id, status, ctx.userId],
    );
    const article = await readArticle(tx.sql, ctx.tenantId, id);
    tx.emit('kb.article.changed', {
      articleId: id,
      action: status === 'published' ? 'published' : 'unpublished',
      status,
    });
    return article;
  });
}

export async function deleteArticle(kernel: Kernel, ctx: RequestContext, id: string) {
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const row = await loadArticle(tx.sql, ctx.tenantId, id, true);
    await tx.sql.query('DELETE FROM kb_articles WHERE tenant_id = $1 AND id = $2', [ctx.tenantId, id]);
    await audit(tx.sql, ctx, 'kb.article.deleted', { type: 'kb_article', id }, { slug: row.slug });
    tx.emit('kb.article.changed', { articleId: id, action: 'deleted', status: row.status });
  });
}

function presentVersion(r: any) {
  return {
    id: r.id,
    version: r.version,
    note: r.note,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    createdAt: iso(r.created_at)!,
    snapshot: r.snapshot,
  };
}

export async function listVersions(kernel: Kernel, ctx: RequestContext, id: string) {
  return kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    await loadArticle(sql, ctx.tenantId, id);
    const rows = await sql.query(
      `SELECT v.*, u.name AS created_by_name FROM kb_article_versions v LEFT JOIN users u ON u.id = v.created_by
       WHERE v.tenant_id = $1 AND v.article_id = $2 ORDER BY v.version DESC LIMIT 200`,
      [ctx.tenantId, id],
    );
    return { items: rows.map(presentVersion) };
  });
}

/** Puts the article back as it was in an earlier version (recorded as a new version; status unchanged). */
export async function restoreVersion(kernel: Kernel, ctx: RequestContext, id: string, versionId: string) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    await loadArticle(tx.sql, ctx.tenantId, id, true);
    const [version] = await tx.sql.query(
      'SELECT * FROM kb_article_versions WHERE tenant_id = $1 AND article_id = $2 AND id = $3',
      [ctx.tenantId, id, versionId],
    );
    if (!version) throw notFound('version');
    const snap = version.snapshot as {
      slug: string;
      categoryId: string | null;
      tags: string[];
      translations: Record<string, TranslationInput>;
    };
    if (await slugTaken(tx.sql, ctx.tenantId, snap.slug, id)) throw slugConflict();
    const [category] = snap.categoryId
      ? await tx.sql.query('SELECT id FROM kb_categories WHERE tenant_id = $1 AND id = $2', [
          ctx.tenantId,
          snap.categoryId,
        ])
      : [];
    await tx.sql.query(
      'UPDATE kb_articles SET slug = $3, category_id = $4, tags = $5 WHERE tenant_id = $1 AND id = $2',
      [ctx.tenantId, id, snap.slug, category?.id ?? null, snap.tags ?? []],
    );
    await tx.sql.query(
      'DELETE FROM kb_article_translations WHERE article_id = $1 AND NOT (locale = ANY($2::text[]))',
      [id, Object.keys(snap.translations)],
    );
    for (const [locale, t] of Object.entries(snap.translations))
      if (isKbLocale(locale)) await writeTranslation(tx.sql, ctx.tenantId, id, locale, t);
    await snapshot(tx, ctx, id, `restored version ${version.version}`);
    const article = await readArticle(tx.sql, ctx.tenantId, id);
    tx.emit('kb.article.changed', { articleId: id, action: 'restored', status: article.status });
    return article;
  });
}
