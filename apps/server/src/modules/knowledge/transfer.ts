import { parseCsv } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import type { RequestContext } from '../../platform/principal.js';
import { audit } from '../audit/index.js';
import { categoryPath, localized, queryCategories } from './categories.js';
import { insertFaqRow, presentFaq, updateFaqRow, type FaqValue } from './faqs.js';
import {
  CHANNELS,
  isKbLocale,
  type Answer,
  type Button,
  type ChannelAnswers,
  type ImportError,
} from './schemas.js';

/**
 * FAQ import and export, CSV and JSON. An import validates every row first and writes nothing unless all are
 * good, in one transaction; the report names each bad row, field and reason. See docs/knowledge-base.md.
 */

export const MAX_IMPORT_ROWS = 2000;
const MAX_ERRORS = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** CSV columns in export order; import also accepts the Chinese headers. */
export const CSV_COLUMNS = [
  'id',
  'question',
  'similar_questions',
  'answer',
  'buttons',
  'category',
  'tags',
  'locale',
  'enabled',
  'valid_from',
  'valid_until',
  ...CHANNELS.map((c) => `answer_${c}`),
] as const;
const HEADER_ALIASES: Record<string, string> = {
  标准问题: 'question',
  问题: 'question',
  相似问法: 'similar_questions',
  相似问题: 'similar_questions',
  答案: 'answer',
  回答: 'answer',
  按钮: 'buttons',
  快捷按钮: 'buttons',
  分类: 'category',
  标签: 'tags',
  语言: 'locale',
  language: 'locale',
  启用: 'enabled',
  生效时间: 'valid_from',
  失效时间: 'valid_until',
};

/** One item to import, in the JSON shape (CSV rows are converted to it). */
type RawItem = Record<string, unknown>;
interface Parsed {
  items: { row: number; item: unknown }[];
  errors: ImportError[];
}

/** Splits a list cell on `|` or line breaks; `\|` is a literal bar. */
export function splitList(cell: string): string[] {
  return cell
    .split(/(?<!\\)\||\r?\n/)
    .map((s) => s.replace(/\\\|/g, '|').trim())
    .filter(Boolean);
}
const joinList = (items: string[]) => items.map((s) => s.replace(/\|/g, '\\|')).join(' | ');

/** `label` (sends the label), `label=reply text` or `label=https://…` (opens the link). */
function parseButtons(cell: string): Button[] {
  return splitList(cell).map((part) => {
    const at = part.indexOf('=');
    if (at < 0) return { label: part };
    const label = part.slice(0, at).trim();
    const target = part.slice(at + 1).trim();
    return /^https?:\/\//i.test(target) ? { label, url: target } : { label, reply: target };
  });
}
const formatButtons = (buttons: Button[] = []) =>
  joinList(
    buttons.map((b) =>
      b.url ? `${b.label}=${b.url}` : b.reply && b.reply !== b.label ? `${b.label}=${b.reply}` : b.label,
    ),
  );

/** Undoes the export's guard against spreadsheet formulas (a leading apostrophe before = + - @). */
const unguard = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const guard = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

function parseBool(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (v === '') return true;
  if (['true', '1', 'yes', 'y', '是', '启用', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'n', '否', '停用', 'off'].includes(v)) return false;
  return cell;
}

function parseCsvItems(content: string): Parsed {
  const rows = parseCsv(content.replace(/^\uFEFF/, ''));
  const errors: ImportError[] = [];
  if (rows.length === 0)
    return { items: [], errors: [{ row: 1, field: 'header', reason: 'the file is empty' }] };
  const header = rows[0].map((h) => {
    const name = h.trim().replace(/^\uFEFF/, '');
    const lower = name.toLowerCase().replace(/\s+/g, '_');
    return HEADER_ALIASES[name] ?? HEADER_ALIASES[lower] ?? lower;
  });
  header.forEach((h, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(h))
      errors.push({ row: 1, field: rows[0][i].slice(0, 50) || `column ${i + 1}`, reason: 'unknown column' });
    else if (header.indexOf(h) !== i) errors.push({ row: 1, field: h, reason: 'column appears twice' });
  });
  for (const required of ['question', 'answer'])
    if (!header.includes(required)) errors.push({ row: 1, field: required, reason: 'missing column' });
  if (errors.length) return { items: [], errors };
  const items: Parsed['items'] = [];
  rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // blank lines
    const cell = (name: string) => {
      const at = header.indexOf(name);
      return at >= 0 ? unguard(cells[at] ?? '') : '';
    };
    const item: RawItem = {
      question: cell('question'),
      similarQuestions: splitList(cell('similar_questions')),
      answer: { text: cell('answer'), buttons: parseButtons(cell('buttons')) },
      tags: splitList(cell('tags')),
      enabled: parseBool(cell('enabled')),
    };
    if (cell('id').trim()) item.id = cell('id').trim();
    if (cell('category').trim()) item.category = cell('category').trim();
    if (cell('locale').trim()) item.locale = cell('locale').trim();
    if (cell('valid_from').trim()) item.validFrom = cell('valid_from').trim();
    if (cell('valid_until').trim()) item.validUntil = cell('valid_until').trim();
    const channelAnswers: Record<string, unknown> = {};
    for (const c of CHANNELS)
      if (cell(`answer_${c}`).trim()) channelAnswers[c] = { text: cell(`answer_${c}`) };
    item.channelAnswers = channelAnswers;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim()))
      errors.push({ row: i + 2, field: 'row', reason: 'more cells than columns' });
    items.push({ row: i + 2, item });
  });
  return { items, errors };
}

function parseJsonItems(content: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      items: [],
      errors: [{ row: 0, field: 'content', reason: `not valid JSON: ${(err as Error).message}` }],
    };
  }
  const list = Array.isArray(data) ? data : (data as any)?.faqs;
  if (!Array.isArray(list))
    return {
      items: [],
      errors: [{ row: 0, field: 'content', reason: 'expected an array of FAQ entries or { "faqs": [...] }' }],
    };
  return { items: list.map((item, i) => ({ row: i + 1, item })), errors: [] };
}

interface Context {
  categoriesById: Set<string>;
  categoryByPath: Map<string, string | null>;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const dateOf = (v: unknown) =>
  isString(v) && v.trim() && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null;

/** Checks one item; returns the value to store or pushes its errors. */
function validateItem(
  row: number,
  raw: unknown,
  ctx: Context,
  errors: ImportError[],
): (FaqValue & { id?: string }) | null {
  const before = errors.length;
  const fail = (field: string, reason: string) => void errors.push({ row, field, reason });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail('row', 'must be an object');
    return null;
  }
  const item = raw as RawItem;
  const text = (field: string, v: unknown, max: number, required: boolean) => {
    if (v === undefined || v === null || (isString(v) && !v.trim())) {
      if (required) fail(field, 'is required');
      return '';
    }
    if (!isString(v)) return (fail(field, 'must be text'), '');
    if (v.includes('\u0000')) return (fail(field, 'contains a NUL character'), '');
    if (v.trim().length > max) return (fail(field, `is longer than ${max} characters`), '');
    return v.trim();
  };
  const list = (field: string, v: unknown, maxItems: number, maxLen: number) => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return (fail(field, 'must be a list'), []);
    if (v.length > maxItems) return (fail(field, `has more than ${maxItems} items`), []);
    return v.map((s, i) => text(`${field}.${i + 1}`, s, maxLen, false)).filter(Boolean);
  };
  const buttons = (field: string, v: unknown): Button[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return (fail(field, 'must be a list'), []);
    if (v.length > 10) return (fail(field, 'has more than 10 buttons'), []);
    return v.map((b: any, i) => {
      const at = `${field}.${i + 1}`;
      if (!b || typeof b !== 'object') return (fail(at, 'must be an object with a label'), { label: '' });
      const label = text(`${at}.label`, b.label, 40, true);
      const out: Button = { label };
      if (b.url !== undefined && b.url !== null && b.url !== '') {
        const url = text(`${at}.url`, b.url, 2000, false);
        if (url && !/^https?:\/\/\S+$/i.test(url)) fail(`${at}.url`, 'must be an http(s) link');
        out.url = url;
      }
      if (b.reply !== undefined && b.reply !== null && b.reply !== '')
        out.reply = text(`${at}.reply`, b.reply, 500, false);
      return out;
    });
  };
  const answerOf = (field: string, v: unknown, extraButtons?: unknown): Answer => {
    if (isString(v) || v === undefined || v === null)
      return { text: text(field, v, 5000, true), buttons: buttons('buttons', extraButtons) };
    if (typeof v !== 'object' || Array.isArray(v))
      return (fail(field, 'must be text or { text, buttons }'), { text: '' });
    const a = v as { text?: unknown; buttons?: unknown };
    return {
      text: text(`${field}.text`, a.text, 5000, true),
      buttons: buttons(`${field}.buttons`, a.buttons ?? extraButtons),
    };
  };

  let id: string | undefined;
  if (item.id !== undefined && item.id !== null && item.id !== '') {
    if (!isString(item.id) || !UUID.test(item.id))
      fail('id', 'must be an id from an export (a UUID) or empty');
    else id = item.id.toLowerCase();
  }
  const question = text('question', item.question, 500, true);
  const similarQuestions = list('similarQuestions', item.similarQuestions, 200, 500);
  const answer = answerOf('answer', item.answer, item.buttons);
  const channelAnswers: ChannelAnswers = {};
  if (item.channelAnswers !== undefined && item.channelAnswers !== null) {
    if (typeof item.channelAnswers !== 'object' || Array.isArray(item.channelAnswers))
      fail('channelAnswers', 'must be an object keyed by channel');
    else
      for (const [channel, a] of Object.entries(item.channelAnswers)) {
        if (!(CHANNELS as readonly string[]).includes(channel))
          fail(`channelAnswers.${channel}`, `unknown channel (use ${CHANNELS.join(', ')})`);
        else channelAnswers[channel as keyof ChannelAnswers] = answerOf(`channelAnswers.${channel}`, a);
      }
  }
  const tags = list('tags', item.tags, 20, 50);
  let locale = 'zh-CN';
  if (item.locale !== undefined && item.locale !== null && item.locale !== '') {
    if (!isKbLocale(item.locale)) fail('locale', 'must be zh-CN or en');
    else locale = item.locale;
  }
  let enabled = true;
  if (item.enabled !== undefined && item.enabled !== null) {
    if (typeof item.enabled !== 'boolean') fail('enabled', 'must be true or false');
    else enabled = item.enabled;
  }
  const validFrom = dateOf(item.validFrom);
  const validUntil = dateOf(item.validUntil);
  if (item.validFrom && !validFrom) fail('validFrom', 'is not a date (use 2025-01-31 or an ISO time)');
  if (item.validUntil && !validUntil) fail('validUntil', 'is not a date (use 2025-12-31 or an ISO time)');
  if (validFrom && validUntil && validUntil <= validFrom) fail('validUntil', 'must be after validFrom');
  let categoryId: string | null = null;
  const byId = isString(item.categoryId) && ctx.categoriesById.has(item.categoryId) ? item.categoryId : null;
  if (byId) categoryId = byId;
  else if (isString(item.category) && item.category.trim()) {
    const c = item.category.trim();
    if (ctx.categoriesById.has(c)) categoryId = c;
    else {
      const found = ctx.categoryByPath.get(normPath(c));
      if (found === undefined) fail('category', `no category "${c.slice(0, 100)}" (create it first)`);
      else if (found === null)
        fail('category', `"${c.slice(0, 100)}" names more than one category; use its id`);
      else categoryId = found;
    }
  } else if (item.categoryId !== undefined && item.categoryId !== null && item.categoryId !== '')
    fail('categoryId', 'no such category');
  if (errors.length > before) return null;
  const seen = new Set([question.toLowerCase()]);
  return {
    id,
    question,
    similarQuestions: similarQuestions.filter((s) => !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase())),
    answer,
    channelAnswers,
    categoryId,
    locale,
    tags: [...new Set(tags)],
    enabled,
    validFrom,
    validUntil,
  };
}

const normPath = (p: string) =>
  p
    .split('/')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .join('/');

/** Category paths in every locale ("配送/运费", "shipping/fees"); a path naming two categories maps to null. */
async function importContext(sql: Sql, tenantId: string): Promise<Context> {
  const categories = await queryCategories(sql, tenantId);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const categoryByPath = new Map<string, string | null>();
  for (const c of categories)
    for (const locale of Object.keys(c.names)) {
      const key = normPath(categoryPath(byId, c.id, locale));
      const prior = categoryByPath.get(key);
      categoryByPath.set(key, prior !== undefined && prior !== c.id ? null : c.id);
    }
  return { categoriesById: new Set(byId.keys()), categoryByPath };
}

/** Error fields named as the CSV's columns (answer.text → answer, validUntil → valid_until, …). */
function csvField(field: string) {
  if (field === 'answer.text') return 'answer';
  if (field.startsWith('answer.buttons')) return 'buttons';
  if (field.startsWith('similarQuestions')) return 'similar_questions';
  if (field.startsWith('tags')) return 'tags';
  if (field === 'validFrom') return 'valid_from';
  if (field === 'validUntil') return 'valid_until';
  if (field.startsWith('channelAnswers.')) return `answer_${field.split('.')[1]}`;
  return field;
}

export interface ImportResult {
  imported: number;
  created: number;
  updated: number;
  dryRun: boolean;
  errors: ImportError[];
}

/**
 * Imports FAQ entries. A row with an `id` of this workspace updates that entry; otherwise a row whose standard
 * question (and locale) exists updates it; the rest are created. Any error: nothing is written.
 */
export async function importFaqs(
  kernel: Kernel,
  ctx: RequestContext,
  input: { format: 'csv' | 'json'; content: string; dryRun?: boolean },
): Promise<ImportResult> {
  const parsed = input.format === 'csv' ? parseCsvItems(input.content) : parseJsonItems(input.content);
  const errors = [...parsed.errors];
  if (parsed.items.length > MAX_IMPORT_ROWS)
    errors.push({ row: 0, field: 'content', reason: `more than ${MAX_IMPORT_ROWS} rows; split the file` });
  if (parsed.items.length === 0 && errors.length === 0)
    errors.push({ row: 0, field: 'content', reason: 'no FAQ entries found' });
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
    const context = await importContext(tx.sql, ctx.tenantId);
    const existing = await tx.sql.query(
      'SELECT id, locale, lower(question) AS q FROM kb_faqs WHERE tenant_id = $1',
      [ctx.tenantId],
    );
    const existingIds = new Set(existing.map((r: any) => r.id as string));
    const idByKey = new Map(existing.map((r: any) => [`${r.locale}\u0001${r.q}`, r.id as string]));
    const rowByKey = new Map<string, number>();
    const rowById = new Map<string, number>();
    const plan: { row: number; value: FaqValue; targetId: string | null }[] = [];
    for (const { row, item } of parsed.items) {
      if (errors.length >= MAX_ERRORS) break;
      const value = validateItem(row, item, context, errors);
      if (!value) continue;
      const key = `${value.locale}\u0001${value.question.toLowerCase()}`;
      const id = value.id && existingIds.has(value.id) ? value.id : null;
      if (rowByKey.has(key)) {
        errors.push({
          row,
          field: 'question',
          reason: `the same standard question is in row ${rowByKey.get(key)}`,
        });
        continue;
      }
      if (id && rowById.has(id)) {
        errors.push({ row, field: 'id', reason: `the same id is in row ${rowById.get(id)}` });
        continue;
      }
      const owner = idByKey.get(key);
      if (id && owner && owner !== id) {
        errors.push({
          row,
          field: 'question',
          reason: 'another FAQ entry already has this standard question',
        });
        continue;
      }
      rowByKey.set(key, row);
      if (id) rowById.set(id, row);
      plan.push({ row, value, targetId: id ?? owner ?? null });
    }
    if (errors.length) return failed();
    const created = plan.filter((p) => !p.targetId).length;
    const result = { imported: plan.length, created, updated: plan.length - created, dryRun, errors: [] };
    if (dryRun) return result;
    const ids: string[] = [];
    // updates first, so a question moved from one entry to another by this file never collides midway
    for (const p of [...plan].sort((a, b) => Number(!a.targetId) - Number(!b.targetId))) {
      const faq = p.targetId
        ? await updateFaqRow(tx.sql, ctx.tenantId, p.targetId, ctx.userId, p.value)
        : await insertFaqRow(tx.sql, ctx.tenantId, ctx.userId, p.value);
      ids.push(faq.id);
    }
    await audit(tx.sql, ctx, 'kb.faqs.imported', null, {
      format: input.format,
      created,
      updated: result.updated,
    });
    tx.emit('kb.faq.changed', { faqIds: ids, action: 'imported' });
    return result;
  });
}

const csvCell = (value: string) => {
  const v = guard(value);
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** All FAQ entries as a file: CSV (UTF-8 with BOM, so Excel shows Chinese) or JSON. */
export async function exportFaqs(kernel: Kernel, ctx: RequestContext, format: 'csv' | 'json') {
  const { rows, categories, locale } = await kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    const [tenant] = await sql.query('SELECT default_locale FROM tenants WHERE id = $1', [ctx.tenantId]);
    return {
      rows: await sql.query('SELECT * FROM kb_faqs WHERE tenant_id = $1 ORDER BY created_at, id', [
        ctx.tenantId,
      ]),
      categories: await queryCategories(sql, ctx.tenantId),
      locale: (tenant?.default_locale ?? 'zh-CN') as string,
    };
  });
  const byId = new Map(categories.map((c) => [c.id, c]));
  const faqs = rows.map(presentFaq);
  const date = new Date().toISOString().slice(0, 10);
  if (format === 'json') {
    const body = JSON.stringify(
      {
        format: 'kefu-faqs',
        version: 1,
        exportedAt: new Date().toISOString(),
        faqs: faqs.map((f) => ({
          id: f.id,
          question: f.question,
          similarQuestions: f.similarQuestions,
          answer: f.answer,
          channelAnswers: f.channelAnswers,
          categoryId: f.categoryId,
          category: f.categoryId ? categoryPath(byId, f.categoryId, locale) : null,
          tags: f.tags,
          locale: f.locale,
          enabled: f.enabled,
          validFrom: f.validFrom,
          validUntil: f.validUntil,
        })),
      },
      null,
      2,
    );
    return { contentType: 'application/json; charset=utf-8', filename: `faqs-${date}.json`, body };
  }
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of faqs) {
    const ch = f.channelAnswers as ChannelAnswers;
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: f.id,
      question: f.question,
      similar_questions: joinList(f.similarQuestions),
      answer: f.answer.text,
      buttons: formatButtons(f.answer.buttons),
      category: f.categoryId ? categoryPath(byId, f.categoryId, locale) : '',
      tags: joinList(f.tags),
      locale: f.locale,
      enabled: String(f.enabled),
      valid_from: f.validFrom ?? '',
      valid_until: f.validUntil ?? '',
      answer_website: ch.website?.text ?? '',
      answer_email: ch.email?.text ?? '',
      answer_api: ch.api?.text ?? '',
      answer_wechat: ch.wechat?.text ?? '',
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(cells[c])).join(','));
  }
  return {
    contentType: 'text/csv; charset=utf-8',
    filename: `faqs-${date}.csv`,
    body: '\uFEFF' + lines.join('\r\n') + '\r\n',
  };
}

/** Decodes an uploaded file: UTF-8 (with or without BOM), else GB18030 — what Excel on Chinese Windows saves. */
export function decodeUpload(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

export { localized };
