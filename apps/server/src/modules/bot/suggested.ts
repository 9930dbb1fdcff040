import type { Kernel } from '../../kernel.js';
import { LIVE } from './knowledge.js';
import type { ResolvedBotSettings } from './settings.js';

/** A question the chat window offers before the customer types (「猜你想问」). */
export interface SuggestedQuestion {
  faqId: string;
  label: string;
  locale: 'zh-CN' | 'en';
}

/** How long the ranking of popular entries is reused: every page view of the customer's site asks for it. */
const RANKING_TTL_MS = 10 * 60_000;
const MAX_CACHED_RANKINGS = 5000;
const rankings = new Map<string, { at: number; ids: string[] }>();

/** The tenant's FAQ entries the bot answered most in the last 30 days, most answered first (cached). */
async function popularIds(kernel: Kernel, tenantId: string): Promise<string[]> {
  const hit = rankings.get(tenantId);
  if (hit && Date.now() - hit.at < RANKING_TTL_MS) return hit.ids;
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT faq_id FROM bot_turns WHERE tenant_id = $1 AND action = 'answer' AND faq_id IS NOT NULL
         AND created_at > now() - interval '30 days'
       GROUP BY faq_id ORDER BY count(*) DESC, faq_id LIMIT 100`,
      [tenantId],
    ),
  );
  const ids = rows.map((r) => r.faq_id as string);
  rankings.delete(tenantId);
  rankings.set(tenantId, { at: Date.now(), ids });
  while (rankings.size > MAX_CACHED_RANKINGS) rankings.delete(rankings.keys().next().value!);
  return ids;
}

/** Forgets the cached ranking (for tests). */
export function forgetPopular(tenantId?: string) {
  if (tenantId) rankings.delete(tenantId);
  else rankings.clear();
}

/**
 * The 「猜你想问」 questions of an inbox's bot: up to `count` live entries per language (the widget shows
 * those of its own language). Without history, the entries the trainer gave the most wordings (相似问法)
 * come first: an import or the demo creates many entries at the same instant, so their age says nothing.
 * Entries that were deleted, switched off or are outside their validity dates are skipped, so a pinned list
 * never offers what the bot would not answer.
 */
export async function suggestedQuestions(
  kernel: Kernel,
  tenantId: string,
  settings: ResolvedBotSettings['suggested'],
): Promise<SuggestedQuestion[]> {
  if (settings.mode === 'off') return [];
  if (settings.mode === 'pinned' && settings.faqIds.length === 0) return [];
  const pinned = settings.mode === 'pinned';
  const order = pinned ? settings.faqIds : await popularIds(kernel, tenantId);
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT id, question, locale FROM (
         SELECT id, question, locale, row_number() OVER (
           PARTITION BY locale ORDER BY array_position($2::uuid[], id) NULLS LAST,
             cardinality(similar_questions) DESC, created_at, question) AS n
         FROM kb_faqs WHERE tenant_id = $1 AND ${LIVE} AND ($3::boolean IS NOT TRUE OR id = ANY($2::uuid[]))
       ) ranked WHERE n <= $4 ORDER BY locale, n`,
      [tenantId, order, pinned, pinned ? settings.faqIds.length : settings.count],
    ),
  );
  return rows.map((r) => ({ faqId: r.id, label: r.question, locale: r.locale }));
}
