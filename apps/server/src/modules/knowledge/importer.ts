import type { Kernel } from '../../kernel.js';
import type { TenantTx } from '../../platform/events.js';
import type { RequestContext } from '../../platform/principal.js';
import { audit } from '../audit/index.js';
import {
  MAX_ERRORS,
  UUID,
  categoryContext,
  isString,
  readJson,
  textField,
  type CategoryContext,
  type ImportResult,
  type Parsed,
  type RawItem,
} from './csv-io.js';
import type { ImportError } from './schemas.js';

/**
 * The run that FAQ and article imports share: read the file, check every row, match rows to existing records
 * (by `id` of this workspace, then by a key such as the question or the slug), and write nothing unless all
 * rows are good, in one transaction, audited. See docs/knowledge-base.md.
 */

/**
 * Starts checking one item: null (and an error) unless it is an object. `fail` records an error of this row,
 * `text` checks a text field, `id` is the item's id from an export (a malformed one is an error), and `ok()`
 * tells whether this item has no error so far.
 */
function checkItem(row: number, raw: unknown, errors: ImportError[]) {
  const before = errors.length;
  const fail = (field: string, reason: string) => void errors.push({ row, field, reason });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail('row', 'must be an object');
    return null;
  }
  const item = raw as RawItem;
  let id: string | undefined;
  if (item.id !== undefined && item.id !== null && item.id !== '') {
    if (!isString(item.id) || !UUID.test(item.id))
      fail('id', 'must be an id from an export (a UUID) or empty');
    else id = item.id.toLowerCase();
  }
  return {
    item,
    id,
    fail,
    text: (field: string, v: unknown, max: number, required: boolean) =>
      textField(fail, field, v, max, required),
    ok: () => errors.length === before,
  };
}

export type ItemCheck = NonNullable<ReturnType<typeof checkItem>>;

/** A checked row and the record it updates (null: a new one). */
export interface PlannedRow<V> {
  row: number;
  value: V;
  targetId: string | null;
}

export interface ImportSpec<V extends { id?: string }> {
  /** the export's JSON key and the audit action's middle: 'faqs' → `kb.faqs.imported` */
  key: 'faqs' | 'articles';
  maxRows: number;
  /** how the reports name the file's items (`many`: "more than 500 articles"), one of them and its key */
  words: { many: string; all: string; one: string; key: string };
  csv: { parse: (content: string) => Parsed; field: (field: string) => string };
  /** the value to store from an item, reporting what is wrong through `check` (then the value is dropped) */
  validate: (check: ItemCheck, ctx: CategoryContext) => V;
  /** SQL for the records there are (`$1` the tenant), each with its matching `key` */
  existing: string;
  keyOf: (value: V) => string;
  /** the field a repeated or taken key is reported on */
  keyField: string;
  write: (tx: TenantTx, ctx: RequestContext, plan: PlannedRow<V>[]) => Promise<void>;
}

export interface ImportInput {
  format: 'csv' | 'json';
  content: string;
  dryRun?: boolean;
}

/** The import function of one kind of record. */
export const importerFor =
  <V extends { id?: string }>(spec: ImportSpec<V>) =>
  (kernel: Kernel, ctx: RequestContext, input: ImportInput) =>
    runImport(kernel, ctx, input, spec);

async function runImport<V extends { id?: string }>(
  kernel: Kernel,
  ctx: RequestContext,
  input: ImportInput,
  spec: ImportSpec<V>,
): Promise<ImportResult> {
  const { words } = spec;
  const parsed = input.format === 'csv' ? spec.csv.parse(input.content) : readJson(input.content, spec.key);
  const errors = [...parsed.errors];
  if (parsed.items.length > spec.maxRows)
    errors.push({
      row: 0,
      field: 'content',
      reason: `more than ${spec.maxRows} ${words.many}; split the file`,
    });
  if (parsed.items.length === 0 && errors.length === 0)
    errors.push({ row: 0, field: 'content', reason: `no ${words.all} found` });
  const dryRun = input.dryRun ?? false;
  const failed = (): ImportResult => ({
    imported: 0,
    created: 0,
    updated: 0,
    dryRun,
    errors: errors
      .slice(0, MAX_ERRORS)
      .map((e) => (input.format === 'csv' ? { ...e, field: spec.csv.field(e.field) } : e)),
  });
  if (errors.length) return failed();

  return kernel.events.run(ctx.tenantId, async (tx) => {
    const context = await categoryContext(tx.sql, ctx.tenantId);
    const existing = await tx.sql.query(spec.existing, [ctx.tenantId]);
    const existingIds = new Set(existing.map((r: any) => r.id as string));
    const idByKey = new Map(existing.map((r: any) => [r.key as string, r.id as string]));
    const rowByKey = new Map<string, number>();
    const rowById = new Map<string, number>();
    const plan: PlannedRow<V>[] = [];
    for (const { row, item } of parsed.items) {
      if (errors.length >= MAX_ERRORS) break;
      const check = checkItem(row, item, errors);
      if (!check) continue;
      const value = spec.validate(check, context);
      if (!check.ok()) continue;
      const key = spec.keyOf(value);
      const id = value.id && existingIds.has(value.id) ? value.id : null;
      const owner = idByKey.get(key);
      const fail = (field: string, reason: string) => errors.push({ row, field, reason });
      if (rowByKey.has(key)) fail(spec.keyField, `the same ${words.key} is in row ${rowByKey.get(key)}`);
      else if (id && rowById.has(id)) fail('id', `the same id is in row ${rowById.get(id)}`);
      else if (id && owner && owner !== id)
        fail(spec.keyField, `another ${words.one} already has this ${words.key}`);
      else {
        rowByKey.set(key, row);
        if (id) rowById.set(id, row);
        plan.push({ row, value, targetId: id ?? owner ?? null });
      }
    }
    if (errors.length) return failed();
    const created = plan.filter((p) => !p.targetId).length;
    const result = { imported: plan.length, created, updated: plan.length - created, dryRun, errors: [] };
    if (dryRun) return result;
    await spec.write(tx, ctx, plan);
    await audit(tx.sql, ctx, `kb.${spec.key}.imported`, null, {
      format: input.format,
      created,
      updated: result.updated,
    });
    return result;
  });
}
