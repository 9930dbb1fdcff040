import { parseCsv } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { categoryPath, queryCategories } from './categories.js';
import type { ImportError } from './schemas.js';

/** What FAQ and article imports and exports share: reading CSV/JSON files, list cells, category paths. */

export const MAX_ERRORS = 500;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isString = (v: unknown): v is string => typeof v === 'string';

/** One item to import, in the JSON shape (CSV rows are converted to it). */
export type RawItem = Record<string, unknown>;
export interface Parsed {
  items: { row: number; item: unknown }[];
  errors: ImportError[];
}

export interface ImportResult {
  imported: number;
  created: number;
  updated: number;
  dryRun: boolean;
  errors: ImportError[];
}

/** Splits a list cell on `|` or line breaks; `\|` is a literal bar. */
export function splitList(cell: string): string[] {
  return cell
    .split(/(?<!\\)\||\r?\n/)
    .map((s) => s.replace(/\\\|/g, '|').trim())
    .filter(Boolean);
}
export const joinList = (items: string[]) => items.map((s) => s.replace(/\|/g, '\\|')).join(' | ');

/** Undoes the export's guard against spreadsheet formulas (a leading apostrophe before = + - @). */
const unguard = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const guard = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/** A CSV cell: quoted when needed, formulas neutralised. */
export const csvCell = (value: string) => {
  const v = guard(value);
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** A CSV file (UTF-8 with BOM, so Excel shows Chinese, CRLF lines) from a header and rows of cells. */
export const csvFile = (columns: readonly string[], rows: string[][]) =>
  '\uFEFF' + [columns.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';

export function parseBool(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (v === '') return true;
  if (['true', '1', 'yes', 'y', '是', '启用', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'n', '否', '停用', 'off'].includes(v)) return false;
  return cell;
}

/**
 * Reads a CSV with a header row (names matched case-insensitively, or through `aliases`): unknown, repeated
 * and missing required columns are errors of row 1; blank lines are skipped; each row becomes `toItem(cell)`.
 */
export function readCsv(
  content: string,
  spec: {
    columns: readonly string[];
    aliases?: Record<string, string>;
    required: string[];
    toItem: (cell: (column: string) => string) => RawItem;
  },
): Parsed {
  const rows = parseCsv(content.replace(/^\uFEFF/, ''));
  const errors: ImportError[] = [];
  if (rows.length === 0)
    return { items: [], errors: [{ row: 1, field: 'header', reason: 'the file is empty' }] };
  const header = rows[0].map((h) => {
    const name = h.trim().replace(/^\uFEFF/, '');
    const lower = name.toLowerCase().replace(/\s+/g, '_');
    return spec.aliases?.[name] ?? spec.aliases?.[lower] ?? lower;
  });
  header.forEach((h, i) => {
    if (!spec.columns.includes(h))
      errors.push({ row: 1, field: rows[0][i].slice(0, 50) || `column ${i + 1}`, reason: 'unknown column' });
    else if (header.indexOf(h) !== i) errors.push({ row: 1, field: h, reason: 'column appears twice' });
  });
  for (const required of spec.required)
    if (!header.includes(required)) errors.push({ row: 1, field: required, reason: 'missing column' });
  if (errors.length) return { items: [], errors };
  const items: Parsed['items'] = [];
  rows.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (name: string) => {
      const at = header.indexOf(name);
      return at >= 0 ? unguard(cells[at] ?? '') : '';
    };
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim()))
      errors.push({ row: i + 2, field: 'row', reason: 'more cells than columns' });
    items.push({ row: i + 2, item: spec.toItem(cell) });
  });
  return { items, errors };
}

/** A JSON array of items, or an export's `{ "<key>": [...] }`. */
export function readJson(content: string, key: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      items: [],
      errors: [{ row: 0, field: 'content', reason: `not valid JSON: ${(err as Error).message}` }],
    };
  }
  const list = Array.isArray(data) ? data : (data as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list))
    return {
      items: [],
      errors: [{ row: 0, field: 'content', reason: `expected an array or { "${key}": [...] }` }],
    };
  return { items: list.map((item, i) => ({ row: i + 1, item })), errors: [] };
}

export interface CategoryContext {
  categoriesById: Set<string>;
  categoryByPath: Map<string, string | null>;
}

const normPath = (p: string) =>
  p
    .split('/')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .join('/');

/** Category paths in every locale ("配送/运费", "shipping/fees"); a path naming two categories maps to null. */
export async function categoryContext(sql: Sql, tenantId: string): Promise<CategoryContext> {
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

/** An item's category: `categoryId` if it exists here, else `category` as an id or a path of names. */
export function resolveCategory(
  item: RawItem,
  ctx: CategoryContext,
  fail: (field: string, reason: string) => void,
): string | null {
  if (isString(item.categoryId) && ctx.categoriesById.has(item.categoryId)) return item.categoryId;
  if (isString(item.category) && item.category.trim()) {
    const c = item.category.trim();
    if (ctx.categoriesById.has(c)) return c;
    const found = ctx.categoryByPath.get(normPath(c));
    if (found === undefined) fail('category', `no category "${c.slice(0, 100)}" (create it first)`);
    else if (found === null)
      fail('category', `"${c.slice(0, 100)}" names more than one category; use its id`);
    return found ?? null;
  }
  if (item.categoryId !== undefined && item.categoryId !== null && item.categoryId !== '')
    fail('categoryId', 'no such category');
  return null;
}

/** Checks a text field of an item; pushes an error and returns '' when it is wrong. */
export function textField(
  fail: (field: string, reason: string) => void,
  field: string,
  v: unknown,
  max: number,
  required: boolean,
): string {
  if (v === undefined || v === null || (isString(v) && !v.trim())) {
    if (required) fail(field, 'is required');
    return '';
  }
  if (!isString(v)) return (fail(field, 'must be text'), '');
  if (v.includes('\u0000')) return (fail(field, 'contains a NUL character'), '');
  if (v.trim().length > max) return (fail(field, `is longer than ${max} characters`), '');
  return v.trim();
}

/**
 * What an export reads: its rows (`query`), and the path of a category's names in the workspace's default
 * language (`categoryOf`, null for none).
 */
export async function exportSource<R>(kernel: Kernel, tenantId: string, query: (sql: Sql) => Promise<R[]>) {
  const { rows, categories, locale } = await kernel.db.tenantTx(tenantId, async (sql) => {
    const [tenant] = await sql.query('SELECT default_locale FROM tenants WHERE id = $1', [tenantId]);
    return {
      rows: await query(sql),
      categories: await queryCategories(sql, tenantId),
      locale: (tenant?.default_locale ?? 'zh-CN') as string,
    };
  });
  const byId = new Map(categories.map((c) => [c.id, c]));
  const categoryOf = (id: string | null) => (id ? categoryPath(byId, id, locale) : null);
  return { rows, categoryOf };
}

const today = () => new Date().toISOString().slice(0, 10);

/** An export as a JSON download: `{ format: "kefu-<key>", version, exportedAt, <key>: items }`. */
export const jsonExport = (key: 'faqs' | 'articles', items: unknown[]) => ({
  contentType: 'application/json; charset=utf-8',
  filename: `${key}-${today()}.json`,
  body: JSON.stringify(
    { format: `kefu-${key}`, version: 1, exportedAt: new Date().toISOString(), [key]: items },
    null,
    2,
  ),
});

/** An export as a CSV download (see `csvFile`). */
export const csvExport = (key: 'faqs' | 'articles', columns: readonly string[], rows: string[][]) => ({
  contentType: 'text/csv; charset=utf-8',
  filename: `${key}-${today()}.csv`,
  body: csvFile(columns, rows),
});

/** Decodes an uploaded file: UTF-8 (with or without BOM), else GB18030 — what Excel on Chinese Windows saves. */
export function decodeUpload(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}
