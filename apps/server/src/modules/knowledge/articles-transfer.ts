import type { Kernel } from '../../kernel.js';
import type { RequestContext } from '../../platform/principal.js';
import { insertArticle, snapshot, writeTranslation } from './articles.js';
import {
  csvExport,
  exportSource,
  joinList,
  jsonExport,
  readCsv,
  resolveCategory,
  splitList,
  type CategoryContext,
  type Parsed,
  type RawItem,
} from './csv-io.js';
import { importerFor, type ImportSpec, type ItemCheck } from './importer.js';
import { KB_LOCALES, type KbLocale, type TranslationInput } from './schemas.js';

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

function validateItem({ item, id, fail, text }: ItemCheck, ctx: CategoryContext): ArticleValue {
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
  return { id, slug, status, categoryId, tags: [...new Set(tags.filter(Boolean))], translations };
}

/** Error fields named as the CSV's columns (translations.en.bodyMd → body_en). */
function csvField(field: string) {
  const m = /^translations\.(zh-CN|en)(?:\.(title|description|bodyMd))?$/.exec(field);
  if (!m) return field.startsWith('tags') ? 'tags' : field;
  const locale = CSV_LOCALE[m[1] as KbLocale];
  return m[2] ? `${m[2] === 'bodyMd' ? 'body' : m[2]}_${locale}` : `title_${locale}`;
}

const ARTICLE_IMPORT: ImportSpec<ArticleValue> = {
  key: 'articles',
  maxRows: MAX_ARTICLE_ROWS,
  words: { many: 'articles', all: 'articles', one: 'article', key: 'slug' },
  csv: { parse: parseCsvItems, field: csvField },
  validate: validateItem,
  existing: 'SELECT id, slug AS key FROM kb_articles WHERE tenant_id = $1',
  keyOf: (value) => value.slug,
  keyField: 'slug',
  async write(tx, ctx, plan) {
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
  },
};

/** Imports articles: matched by `id` (of this workspace), then by slug; the rest are created (drafts unless the row gives a status). */
export const importArticles = importerFor(ARTICLE_IMPORT);

/** Every article (drafts too) with all its languages: CSV (UTF-8 with BOM) or JSON. */
export async function exportArticles(kernel: Kernel, ctx: RequestContext, format: 'csv' | 'json') {
  const { rows, categoryOf } = await exportSource(kernel, ctx.tenantId, (sql) =>
    sql.query(
      `SELECT a.id, a.slug, a.status, a.category_id, a.tags,
         (SELECT jsonb_object_agg(t.locale, jsonb_build_object('title', t.title, 'description', t.description,
            'bodyMd', t.body_md)) FROM kb_article_translations t WHERE t.article_id = a.id) AS translations
       FROM kb_articles a WHERE a.tenant_id = $1 ORDER BY a.created_at, a.id`,
      [ctx.tenantId],
    ),
  );
  const articles = rows.map((r: any) => ({
    id: r.id as string,
    slug: r.slug as string,
    status: r.status as string,
    categoryId: r.category_id as string | null,
    category: categoryOf(r.category_id),
    tags: (r.tags ?? []) as string[],
    translations: (r.translations ?? {}) as Record<string, TranslationInput>,
  }));
  if (format === 'json') return jsonExport('articles', articles);
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
  return csvExport('articles', ARTICLE_CSV_COLUMNS, cellRows);
}
