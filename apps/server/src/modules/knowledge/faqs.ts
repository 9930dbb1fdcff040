import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import {
  decodeCursor,
  decodeRankedCursor,
  encodeRankedCursor,
  pageOf,
  type RankedCursor,
} from '../../platform/pagination.js';
import { audit } from '../audit/index.js';
import { assertCategory } from './categories.js';
import {
  CHANNELS,
  type Answer,
  type Channel,
  type ChannelAnswers,
  type FaqInput,
  type FaqView,
} from './schemas.js';
import { faqMatchSql, indexText, plainText, prepareQuery } from './text.js';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const ACTIVE_SQL = `f.enabled AND (f.valid_from IS NULL OR f.valid_from <= now()) AND (f.valid_until IS NULL OR f.valid_until > now())`;

export function presentFaq(r: any): FaqView {
  const now = Date.now();
  const from = r.valid_from ? new Date(r.valid_from).getTime() : null;
  const until = r.valid_until ? new Date(r.valid_until).getTime() : null;
  return {
    id: r.id,
    question: r.question,
    similarQuestions: r.similar_questions ?? [],
    answer: { text: r.answer?.text ?? '', buttons: r.answer?.buttons ?? [] },
    channelAnswers: r.channel_answers ?? {},
    categoryId: r.category_id,
    locale: r.locale,
    tags: r.tags ?? [],
    enabled: r.enabled,
    validFrom: iso(r.valid_from),
    validUntil: iso(r.valid_until),
    active: r.enabled && (from === null || from <= now) && (until === null || until > now),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** A FAQ entry after validation and clean-up: what is stored. */
export interface FaqValue {
  question: string;
  similarQuestions: string[];
  answer: Answer;
  channelAnswers: ChannelAnswers;
  categoryId: string | null;
  locale: string;
  tags: string[];
  enabled: boolean;
  validFrom: string | null;
  validUntil: string | null;
}

const cleanAnswer = (a: Answer): Answer => ({
  text: a.text.trim(),
  buttons: (a.buttons ?? []).map((b) => ({
    label: b.label.trim(),
    ...(b.reply !== undefined ? { reply: b.reply } : {}),
    ...(b.url !== undefined ? { url: b.url } : {}),
  })),
});

/** Trims, drops empty and repeated similar questions (and the standard question itself), checks dates. */
export function normalizeFaq(input: FaqInput, base?: FaqValue): FaqValue {
  const question = (input.question ?? base?.question ?? '').trim();
  if (!question) throw invalidField('question', 'must not be blank');
  const seen = new Set([question.toLowerCase()]);
  const similarQuestions: string[] = [];
  for (const s of input.similarQuestions ?? base?.similarQuestions ?? []) {
    const v = s.trim();
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      similarQuestions.push(v);
    }
  }
  const answer = input.answer ? cleanAnswer(input.answer) : base!.answer;
  if (!answer.text) throw invalidField('answer.text', 'must not be blank');
  const channelAnswers: ChannelAnswers = {};
  const sourceChannels = input.channelAnswers ?? base?.channelAnswers ?? {};
  for (const channel of CHANNELS) {
    const a = sourceChannels[channel];
    if (a && a.text.trim()) channelAnswers[channel] = cleanAnswer(a);
  }
  const validFrom = input.validFrom !== undefined ? input.validFrom : (base?.validFrom ?? null);
  const validUntil = input.validUntil !== undefined ? input.validUntil : (base?.validUntil ?? null);
  if (validFrom && validUntil && Date.parse(validUntil) <= Date.parse(validFrom))
    throw invalidField('validUntil', 'must be after validFrom');
  return {
    question,
    similarQuestions,
    answer,
    channelAnswers,
    categoryId: input.categoryId !== undefined ? input.categoryId : (base?.categoryId ?? null),
    locale: input.locale ?? base?.locale ?? 'zh-CN',
    tags: [...new Set((input.tags ?? base?.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    enabled: input.enabled ?? base?.enabled ?? true,
    validFrom,
    validUntil,
  };
}

const valueOf = (f: FaqView): FaqValue => ({
  question: f.question,
  similarQuestions: f.similarQuestions,
  answer: f.answer,
  channelAnswers: f.channelAnswers as ChannelAnswers,
  categoryId: f.categoryId,
  locale: f.locale,
  tags: f.tags,
  enabled: f.enabled,
  validFrom: f.validFrom,
  validUntil: f.validUntil,
});

const faqParams = (v: FaqValue) => {
  const answers = [v.answer, ...Object.values(v.channelAnswers)].filter(Boolean) as Answer[];
  return [
    v.question,
    v.similarQuestions,
    JSON.stringify(v.answer),
    JSON.stringify(v.channelAnswers),
    v.categoryId,
    v.locale,
    v.tags,
    v.enabled,
    v.validFrom,
    v.validUntil,
    indexText(v.question, ...v.similarQuestions),
    indexText(...v.tags),
    indexText(
      ...answers.map((a) => plainText(a.text)),
      ...answers.flatMap((a) => (a.buttons ?? []).map((b) => b.label)),
    ),
  ];
};
const SEARCH_SQL = `setweight(to_tsvector('simple', $12), 'A') || setweight(to_tsvector('simple', $13), 'B')
  || setweight(to_tsvector('simple', $14), 'C')`;

const questionTaken = (err: any): never => {
  if (err?.code === '23505')
    throw new AppError(409, 'faq_question_taken', 'another FAQ entry has this standard question', [
      { field: 'question', message: 'taken' },
    ]);
  throw err;
};

/** Inserts one entry in the caller's transaction (the category must already be checked). */
export async function insertFaqRow(sql: Sql, tenantId: string, userId: string | null, v: FaqValue) {
  const [row] = await sql
    .query(
      `INSERT INTO kb_faqs (tenant_id, question, similar_questions, answer, channel_answers, category_id, locale, tags,
         enabled, valid_from, valid_until, search, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${SEARCH_SQL}, $15, $15) RETURNING *`,
      [tenantId, ...faqParams(v), userId],
    )
    .catch(questionTaken);
  return presentFaq(row);
}

export async function updateFaqRow(
  sql: Sql,
  tenantId: string,
  id: string,
  userId: string | null,
  v: FaqValue,
) {
  const [row] = await sql
    .query(
      `UPDATE kb_faqs SET question = $2, similar_questions = $3, answer = $4, channel_answers = $5, category_id = $6,
         locale = $7, tags = $8, enabled = $9, valid_from = $10, valid_until = $11, search = ${SEARCH_SQL},
         updated_by = $15, updated_at = kefu_now()
       WHERE tenant_id = $1 AND id = $16 RETURNING *`,
      [tenantId, ...faqParams(v), userId, id],
    )
    .catch(questionTaken);
  if (!row) throw notFound('faq');
  return presentFaq(row);
}

async function loadFaq(sql: Sql, tenantId: string, id: string, lock = false) {
  const [row] = await sql.query(
    `SELECT * FROM kb_faqs WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [tenantId, id],
  );
  if (!row) throw notFound('faq');
  return presentFaq(row);
}

export async function getFaq(kernel: Kernel, ctx: RequestContext, id: string) {
  return kernel.db.tenantTx(ctx.tenantId, (sql) => loadFaq(sql, ctx.tenantId, id));
}

export interface FaqFilter {
  /** text in the standard question, the similar questions, the answers or the tags (zh/en, as the search) */
  q?: string;
  categoryId?: string;
  /** with categoryId: its subcategories' entries too */
  includeSubcategories?: boolean;
  /** only entries without a category */
  uncategorized?: boolean;
  tag?: string;
  locale?: string;
  enabled?: boolean;
}

/** Entries in the category, or with `includeSubcategories` in it and anywhere below it ($2, $6; tenant $1). */
const CATEGORY_SQL = `($2::uuid IS NULL OR f.category_id = $2 OR ($6 AND f.category_id IN (
    WITH RECURSIVE sub(id) AS (
      SELECT c.id FROM kb_categories c WHERE c.tenant_id = $1 AND c.parent_id = $2
      UNION SELECT c.id FROM kb_categories c JOIN sub ON c.parent_id = sub.id WHERE c.tenant_id = $1)
    SELECT id FROM sub)))`;

/**
 * A page of FAQ entries, newest first. With `q` the entries that match it (the knowledge search's matching:
 * jieba/stemmed tokens or the whole query as a substring), most relevant first; the cursor then carries the
 * relevance, so paging stays stable.
 */
export async function listFaqs(
  kernel: Kernel,
  ctx: RequestContext,
  filter: FaqFilter,
  limit: number,
  cursor?: string,
) {
  const query = filter.q?.trim() ? prepareQuery(filter.q) : null;
  const after = query ? decodeRankedCursor(cursor) : decodeCursor(cursor);
  const params: unknown[] = [
    ctx.tenantId,
    filter.categoryId ?? null,
    filter.tag ?? null,
    filter.locale ?? null,
    filter.enabled ?? null,
    filter.includeSubcategories ?? false,
    filter.uncategorized ?? false,
    after?.at ?? null,
    after?.id ?? null,
    limit + 1,
  ];
  const where = `f.tenant_id = $1 AND ${CATEGORY_SQL} AND (NOT $7 OR f.category_id IS NULL)
    AND ($3::text IS NULL OR $3 = ANY(f.tags)) AND ($4::text IS NULL OR f.locale = $4)
    AND ($5::boolean IS NULL OR f.enabled = $5)`;
  if (!query) {
    const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
      sql.query(
        `SELECT * FROM kb_faqs f
         WHERE ${where} AND ($8::timestamptz IS NULL OR (f.created_at, f.id) < ($8, $9::uuid))
         ORDER BY f.created_at DESC, f.id DESC LIMIT $10`,
        params,
      ),
    );
    return pageOf(rows, limit, presentFaq);
  }
  const match = faqMatchSql('$11', '$12');
  params.push(query.tsq, query.like, (after as RankedCursor | null)?.rank ?? null);
  const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      `SELECT * FROM (
         SELECT f.*, round((${match.rank} + CASE WHEN ${match.questionLike} THEN 1 ELSE 0 END
           + CASE WHEN ${match.answerLike} THEN 0.3 ELSE 0 END)::numeric, 6) AS rank
         FROM kb_faqs f ${match.join}
         WHERE ${where} AND ${match.where}) s
       WHERE $13::numeric IS NULL OR (s.rank, s.created_at, s.id) < ($13::numeric, $8::timestamptz, $9::uuid)
       ORDER BY s.rank DESC, s.created_at DESC, s.id DESC LIMIT $10`,
      params,
    ),
  );
  return pageOf(rows, limit, presentFaq, encodeRankedCursor);
}

export async function createFaq(kernel: Kernel, ctx: RequestContext, input: FaqInput) {
  const value = normalizeFaq(input);
  return kernel.events.run(ctx.tenantId, async (tx) => {
    await assertCategory(tx.sql, ctx.tenantId, value.categoryId);
    const faq = await insertFaqRow(tx.sql, ctx.tenantId, ctx.userId, value);
    tx.emit('kb.faq.changed', { faqIds: [faq.id], action: 'created' });
    return faq;
  });
}

export async function updateFaq(kernel: Kernel, ctx: RequestContext, id: string, patch: Partial<FaqInput>) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const current = await loadFaq(tx.sql, ctx.tenantId, id, true);
    const value = normalizeFaq(patch as FaqInput, valueOf(current));
    if (patch.categoryId !== undefined) await assertCategory(tx.sql, ctx.tenantId, value.categoryId);
    const faq = await updateFaqRow(tx.sql, ctx.tenantId, id, ctx.userId, value);
    tx.emit('kb.faq.changed', { faqIds: [id], action: 'updated' });
    return faq;
  });
}

export async function deleteFaq(kernel: Kernel, ctx: RequestContext, id: string) {
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const current = await loadFaq(tx.sql, ctx.tenantId, id, true);
    await tx.sql.query('DELETE FROM kb_faqs WHERE tenant_id = $1 AND id = $2', [ctx.tenantId, id]);
    await audit(tx.sql, ctx, 'kb.faq.deleted', { type: 'kb_faq', id }, { question: current.question });
    tx.emit('kb.faq.changed', { faqIds: [id], action: 'deleted' });
  });
}

/**
 * The entries a bot may answer with now: enabled and inside their validity dates, with the answer for
 * `channel` (its override when there is one). For the bot's training and answering.
 */
export async function activeFaqs(
  kernel: Kernel,
  tenantId: string,
  opts: { locale?: string; channel?: Channel } = {},
) {
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT * FROM kb_faqs f WHERE f.tenant_id = $1 AND ${ACTIVE_SQL} AND ($2::text IS NULL OR f.locale = $2)
       ORDER BY f.created_at, f.id`,
      [tenantId, opts.locale ?? null],
    ),
  );
  return rows.map((r: any) => {
    const faq = presentFaq(r);
    const override = opts.channel ? (faq.channelAnswers as ChannelAnswers)[opts.channel] : undefined;
    return { ...faq, answer: override ? cleanAnswer(override) : faq.answer };
  });
}

export { ACTIVE_SQL as ACTIVE_FAQ_SQL };
