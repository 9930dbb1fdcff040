import type { Kernel } from '../../kernel.js';
import type { RequestContext } from '../../platform/principal.js';
import { audit } from '../audit/index.js';
import { insertArticle, snapshot, writeTranslation } from './articles.js';
import { categoryPath, queryCategories } from './categories.js';
import {
  MAX_ERRORS,
  UUID,
  categoryContext,
  csvFile,
  isString,
  joinList,
  readCsv,
  readJson,
  resolveCategory,
  splitList,
  textField,
  type CategoryContext,
  type ImportResult,
  type Parsed,
  type RawItem,
} from './csv-io.js';
import { KB_LOCALES, type ImportError, type KbLocale, type TranslationInput } from './schemas.js';

/**
 * Article import and export, CSV and JSON, with the FAQ import's rules: everything is checked first, one
 * transaction, nothing written if any row is bad. Rows are matched by `id` (of this workspace), then by slug.
 */

export const MAX_ARTICLE_ROWS = 500;
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const CSV_LOCALE: Record<KbLocale, string> = { 'zh-CN': 'zh', en: 'en' };

export const ARTICLE_CSV_COLUMNS = [
  'id',
  'slug',
  'status',
  'category',
  'tags',
  ...KB_LOCALES.flatMap((l) => [
    `title_${CSV_LOCALE[l]}`,
    `description_${CSV_LOCALE[l]}`,
    `body_${CSV_LOCALE[l]}`,
  ]),
] as const;
const ALIASES: Record<string, string> = Object.fromEntries(
  ['title', 'description', 'body'].map((f) => [`${f}_zh-cn`, `${f}_zh`]),
);

function parseCsvItems(content: string): Parsed {
  return readCsv(content, {
    columns: ARTICLE_CSV_COLUMNS,
    aliases: ALIASES,
    required: ['slug'],
    toItem: (cell) => {
      const translations: Record<string, unknown> = {};
      for (const locale of KB_LOCALES) {
        const [title, description, bodyMd] = ['title', 'description', 'body'].map((f) =>
          cell(`${f}_${CSV_LOCALE[locale]}`),
        );
        if (title.trim() || description.trim() || bodyMd.trim())
          translations[locale] = { title, description, bodyMd };
      }
      const item: RawItem = { slug: cell('slug').trim(), tags: splitList(cell('tags')), translations };
      if (cell('id').trim()) item.id = cell('id').trim();
      if (cell('status').trim()) item.status = cell('status').trim().toLowerCase();
      if (cell('category').trim()) item.category = cell('category').trim();
      return item;
    },
  });
}

interface ArticleValue {
  id?: string;
  slug: string;
  status?: 'draft' | 'published';
  categoryId: string | null;
  tags: string[];
  translations: Partial<Record<KbLocale, TranslationInput>>;
}

function validateItem(row: number, raw: unknown, ctx: CategoryContext, errors: ImportError[]) {
  const before = errors.length;
  const fail = (field: string, reason: string) => void errors.push({ row, field, reason });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail('row', 'must be an object');
    return null;
  }
  const item = raw as RawItem;
  const text = (field: string, v: unknown, max: number, required: boolean) =>
    textField(fail, field, v, max, required);
  let id: string | undefined;
  if (item.id !== undefined && item.id !== null && item.id !== '') {
    if (!isString(item.id) || !UUID.test(item.id))
      fail('id', 'must be an id from an export (a UUID) or empty');
    else id = item.id.toLowerCase();
  }
  const slug = text('slug', item.slug, 80, true);
  if (slug && !SLUG.test(slug)) fail('slug', 'use lower-case letters, digits and dashes');
  let status: ArticleValue['status'];
  if (item.status !== undefined && item.status !== null && item.status !== '') {
    if (item.status !== 'draft' && item.status !== 'published') fail('status', 'must be draft or published');
    else status = item.status;
  }
  const tags: string[] = [];
  if (item.tags !== undefined && item.tags !== null) {
    if (!Array.isArray(item.tags) || item.tags.length > 20) fail('tags', 'must be a list of at most 20 tags');
    else item.tags.forEach((t, i) => tags.push(text(`tags.${i + 1}`, t, 50, false)));
  }
  const translations: ArticleValue['translations'] = {};
  const given = item.translations;
  if (!given || typeof given !== 'object' || Array.isArray(given))
    fail('translations', 'must be an object keyed by language (zh-CN, en)');
  else {
    for (const [locale, t] of Object.entries(given)) {
      const at = `translations.${locale}`;
      if (!KB_LOCALES.includes(locale as KbLocale)) {
        fail(at, 'unknown language (use zh-CN or en)');
        continue;
      }
      if (!t || typeof t !== 'object') {
        fail(at, 'must be { title, description, bodyMd }');
        continue;
      }
      const tr = t as Record<string, unknown>;
      translations[locale as KbLocale] = {
        title: text(`${at}.title`, tr.title, 200, true),
        description: text(`${at}.description`, tr.description, 500, false),
        bodyMd: text(`${at}.bodyMd`, tr.bodyMd, 100_000, false),
      };
    }
    if (Object.keys(given).length === 0) fail('translations', 'give the article in at least one language');
  }
  const categoryId = resolveCategory(item, ctx, fail);
  if (errors.length > before) return null;
  return { id, slug, status, categoryId, tags: [...new Set(tags.filter(Boolean))], translations };
}

/** Error fields named as the CSV's columns (translations.en.bodyMd → body_en). */
function csvField(field: string) {
  const m = /^translations\.(zh-CN|en)(?:\.(title|description|bodyMd))?$/.exec(field);
  if (!m) return field.startsWith('tags') ? 'tags' : field;
  const locale = CSV_LOCALE[m[1] as KbLocale];
  return m[2] ? `${m[2] === 'bodyMd' ? 'body' : m[2]}_${locale}` : `title_${locale}`;
}

export async function importArticles(
  kernel: Kernel,
  ctx: RequestContext,
  input: { format: 'csv' | 'json'; content: string; dryRun?: boolean },
): Promise<ImportResult> {
  const parsed = input.format === 'csv' ? parseCsvItems(input.content) : readJson(input.content, 'articles');
  const errors = [...parsed.errors];
  if (parsed.items.length > MAX_ARTICLE_ROWS)
    errors.push({
      row: 0,
      field: 'content',
      reason: `more than ${MAX_ARTICLE_ROWS} articles; split the file`,
    });
  if (parsed.items.length === 0 && errors.length === 0)
    errors.push({ row: 0, field: 'content', reason: 'no articles found' });
  const dryRun = input.dryRun ?? false;
  const failed = (): ImportResult => ({
    imported: 0,
    created: 0,
    updated: 0,
    dryRun,
    errors: errors
      .slice(0, MAX_ERRORS)
      .map((e) => (input.format === 'csv' ? { ...e, field: csvField(e.field) } : e)),
  });
  if (errors.length) return failed();

  return kernel.events.run(ctx.tenantId, async (tx) => {
    const context = await categoryContext(tx.sql, ctx.tenantId);
    const existing = await tx.sql.query('SELECT id, slug FROM kb_articles WHERE tenant_id = $1', [
      ctx.tenantId,
    ]);
    const existingIds = new Set(existing.map((r: any) => r.id as string));
    const idBySlug = new Map(existing.map((r: any) => [r.slug as string, r.id as string]));
    const rowBySlug = new Map<string, number>();
    const rowById = new Map<string, number>();
    const plan: { value: ArticleValue; targetId: string | null }[] = [];
    for (const { row, item } of parsed.items) {
      if (errors.length >= MAX_ERRORS) break;
      const value = validateItem(row, item, context, errors);
      if (!value) continue;
      const id = value.id && existingIds.has(value.id) ? value.id : null;
      const owner = idBySlug.get(value.slug);
      if (rowBySlug.has(value.slug))
        errors.push({ row, field: 'slug', reason: `the same slug is in row ${rowBySlug.get(value.slug)}` });
      else if (id && rowById.has(id))
        errors.push({ row, field: 'id', reason: `the same id is in row ${rowById.get(id)}` });
      else if (id && owner && owner !== id)
        errors.push({ row, field: 'slug', reason: 'another article already has this slug' });
      else {
        rowBySlug.set(value.slug, row);
        if (id) rowById.set(id, row);
        plan.push({ value, targetId: id ?? owner ?? null });
      }
    }
    if (errors.length) return failed();
    const created = plan.filter((p) => !p.targetId).length;
    const result = { imported: plan.length, created, updated: plan.length - created, dryRun, errors: [] };
    if (dryRun) return result;
    for (const { value, targetId } of plan) {
      if (!targetId) {
        const id = await insertArticle(tx, ctx, { ...value, status: value.status ?? 'draft' });
        tx.emit('kb.article.changed', { articleId: id, action: 'created', status: value.status ?? 'draft' });
        continue;
      }
      const [row] = await tx.sql.query(
        `UPDATE kb_articles SET slug = $3, category_id = $4, tags = $5, status = COALESCE($6, status),
           published_at = CASE WHEN COALESCE($6, status) = 'published' THEN COALESCE(published_at, kefu_now()) ELSE published_at END
         WHERE tenant_id = $1 AND id = $2 RETURNING status`,
        [ctx.tenantId, targetId, value.slug, value.categoryId, value.tags, value.status ?? null],
      );
      for (const locale of KB_LOCALES) {
        const t = value.translations[locale];
        if (t) await writeTranslation(tx.sql, ctx.tenantId, targetId, locale, t);
      }
      await snapshot(tx, ctx, targetId, 'imported');
      tx.emit('kb.article.changed', { articleId: targetId, action: 'updated', status: row.status });
    }
    await audit(tx.sql, ctx, 'kb.articles.imported', null, {
      format: input.format,
      created,
      updated: result.updated,
    });
    return result;
  });
}

/** Every article (drafts too) with all its languages: CSV (UTF-8 with BOM) or JSON. */
export async function exportArticles(kernel: Kernel, ctx: RequestContext, format: 'csv' | 'json') {
  const { rows, categories, locale } = await kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    const [tenant] = await sql.query('SELECT default_locale FROM tenants WHERE id = $1', [ctx.tenantId]);
    return {
      rows: await sql.query(
        `SELECT a.id, a.slug, a.status, a.category_id, a.tags,
           (SELECT jsonb_object_agg(t.locale, jsonb_build_object('title', t.title, 'description', t.description,
              'bodyMd', t.body_md)) FROM kb_article_translations t WHERE t.article_id = a.id) AS translations
         FROM kb_articles a WHERE a.tenant_id = $1 ORDER BY a.created_at, a.id`,
        [ctx.tenantId],
      ),
      categories: await queryCategories(sql, ctx.tenantId),
      locale: (tenant?.default_locale ?? 'zh-CN') as string,
    };
  });
  const byId = new Map(categories.map((c) => [c.id, c]));
  const date = new Date().toISOString().slice(0, 10);
  const articles = rows.map((r: any) => ({
    id: r.id as string,
    slug: r.slug as string,
    status: r.status as string,
    categoryId: r.category_id as string | null,
    category: r.category_id ? categoryPath(byId, r.category_id, locale) : null,
    tags: (r.tags ?? []) as string[],
    translations: (r.translations ?? {}) as Record<string, TranslationInput>,
  }));
  if (format === 'json') {
    const body = JSON.stringify(
      { format: 'kefu-articles', version: 1, exportedAt: new Date().toISOString(), articles },
      null,
      2,
    );
    return { contentType: 'application/json; charset=utf-8', filename: `articles-${date}.json`, body };
  }
  const cellRows = articles.map((a) => [
    a.id,
    a.slug,
    a.status,
    a.category ?? '',
    joinList(a.tags),
    ...KB_LOCALES.flatMap((l) => {
      const t = a.translations[l];
      return [t?.title ?? '', t?.description ?? '', t?.bodyMd ?? ''];
    }),
  ]);
  return {
    contentType: 'text/csv; charset=utf-8',
    filename: `articles-${date}.csv`,
    body: csvFile(ARTICLE_CSV_COLUMNS, cellRows),
  };
}
