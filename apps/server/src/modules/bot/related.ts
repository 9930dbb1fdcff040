import type { Sql } from '../../platform/db.js';
import { LIVE } from './knowledge.js';

/** An entry offered under an answer (相关问题). */
export interface RelatedQuestion {
  faqId: string;
  label: string;
}

export const RELATED_LIMIT = 3;
/** Conversations in which two entries must both have been answered before they count as related. */
const MIN_TOGETHER = 2;

/**
 * What else customers who got this answer tend to need, with no set-up by the trainer: the live entries the
 * bot answered in the same conversations in the last 90 days (in at least two of them), most often first, then
 * the other entries of the same category, those with the most wordings (相似问法) first. Same language as the answer; never the answer itself.
 */
export async function relatedQuestions(
  sql: Sql,
  tenantId: string,
  faqId: string,
): Promise<RelatedQuestion[]> {
  const rows = await sql.query(
    `WITH answered AS (
       SELECT DISTINCT conversation_id FROM bot_turns
       WHERE tenant_id = $1 AND faq_id = $2 AND action = 'answer' AND created_at > now() - interval '90 days'
     ), together AS (
       SELECT t.faq_id, count(DISTINCT t.conversation_id) AS n FROM bot_turns t JOIN answered a USING (conversation_id)
       WHERE t.action = 'answer' AND t.faq_id <> $2 GROUP BY t.faq_id
     ), me AS (SELECT category_id, locale FROM kb_faqs WHERE tenant_id = $1 AND id = $2)
     SELECT f.id, f.question FROM kb_faqs f CROSS JOIN me LEFT JOIN together g ON g.faq_id = f.id
     WHERE f.tenant_id = $1 AND f.id <> $2 AND f.locale = me.locale AND ${LIVE}
       AND (g.n >= $3 OR (f.category_id IS NOT NULL AND f.category_id = me.category_id))
     ORDER BY COALESCE(g.n, 0) DESC, cardinality(f.similar_questions) DESC, f.created_at, f.question LIMIT $4`,
    [tenantId, faqId, MIN_TOGETHER, RELATED_LIMIT],
  );
  return rows.map((r) => ({ faqId: r.id, label: r.question }));
}
