import type { Kernel } from '../../kernel.js';
import type { RequestContext } from '../../platform/principal.js';
import {
  csvExport,
  exportSource,
  isString,
  joinList,
  jsonExport,
  parseBool,
  readCsv,
  resolveCategory,
  splitList,
  type CategoryContext,
  type ImportResult,
  type Parsed,
  type RawItem,
} from './csv-io.js';
import { insertFaqRow, presentFaq, updateFaqRow, type FaqValue } from './faqs.js';
import { importerFor, type ImportSpec, type ItemCheck } from './importer.js';
import { CHANNELS, isKbLocale, type Answer, type Button, type ChannelAnswers } from './schemas.js';

/**
 * FAQ import and export, CSV and JSON. An import validates every row first and writes nothing unless all are
 * good, in one transaction; the report names each bad row, field and reason. See docs/knowledge-base.md.
 */

export const MAX_IMPORT_ROWS = 2000;

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

function parseCsvItems(content: string): Parsed {
  return readCsv(content, {
    columns: CSV_COLUMNS,
    aliases: HEADER_ALIASES,
    required: ['question', 'answer'],
    toItem: (cell) => {
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
      return item;
    },
  });
}

const dateOf = (v: unknown) =>
  isString(v) && v.trim() && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null;

type FaqItem = FaqValue & { id?: string };

/** The value to store from one item; what is wrong goes to `fail`. */
function validateItem({ item, id, fail, text }: ItemCheck, ctx: CategoryContext): FaqItem {
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
  const categoryId = resolveCategory(item, ctx, fail);
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

const FAQ_IMPORT: ImportSpec<FaqItem> = {
  key: 'faqs',
  maxRows: MAX_IMPORT_ROWS,
  words: { many: 'rows', all: 'FAQ entries', one: 'FAQ entry', key: 'standard question' },
  csv: { parse: parseCsvItems, field: csvField },
  validate: validateItem,
  existing: 'SELECT id, locale || chr(1) || lower(question) AS key FROM kb_faqs WHERE tenant_id = $1',
  keyOf: (value) => `${value.locale}\u0001${value.question.toLowerCase()}`,
  keyField: 'question',
  async write(tx, ctx, plan) {
    const ids: string[] = [];
    // updates first, so a question moved from one entry to another by this file never collides midway
    for (const p of [...plan].sort((a, b) => Number(!a.targetId) - Number(!b.targetId))) {
      const faq = p.targetId
        ? await updateFaqRow(tx.sql, ctx.tenantId, p.targetId, ctx.userId, p.value)
        : await insertFaqRow(tx.sql, ctx.tenantId, ctx.userId, p.value);
      ids.push(faq.id);
    }
    tx.emit('kb.faq.changed', { faqIds: ids, action: 'imported' });
  },
};

/**
 * Imports FAQ entries. A row with an `id` of this workspace updates that entry; otherwise a row whose standard
 * question (and locale) exists updates it; the rest are created. Any error: nothing is written.
 */
export const importFaqs = importerFor(FAQ_IMPORT);

/** All FAQ entries as a file: CSV (UTF-8 with BOM, so Excel shows Chinese) or JSON. */
export async function exportFaqs(kernel: Kernel, ctx: RequestContext, format: 'csv' | 'json') {
  const { rows, categoryOf } = await exportSource(kernel, ctx.tenantId, (sql) =>
    sql.query('SELECT * FROM kb_faqs WHERE tenant_id = $1 ORDER BY created_at, id', [ctx.tenantId]),
  );
  const faqs = rows.map(presentFaq);
  if (format === 'json')
    return jsonExport(
      'faqs',
      faqs.map((f) => ({
        id: f.id,
        question: f.question,
        similarQuestions: f.similarQuestions,
        answer: f.answer,
        channelAnswers: f.channelAnswers,
        categoryId: f.categoryId,
        category: categoryOf(f.categoryId),
        tags: f.tags,
        locale: f.locale,
        enabled: f.enabled,
        validFrom: f.validFrom,
        validUntil: f.validUntil,
      })),
    );
  const cellRows = faqs.map((f) => {
    const ch = f.channelAnswers as ChannelAnswers;
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: f.id,
      question: f.question,
      similar_questions: joinList(f.similarQuestions),
      answer: f.answer.text,
      buttons: formatButtons(f.answer.buttons),
      category: categoryOf(f.categoryId) ?? '',
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
    return CSV_COLUMNS.map((c) => cells[c]);
  });
  return csvExport('faqs', CSV_COLUMNS, cellRows);
}

export { splitList, type ImportResult };
