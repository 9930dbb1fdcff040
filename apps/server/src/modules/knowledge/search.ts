import { Synonyms } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import { synonymGroups } from '../bot/synonyms.js';
import { ACTIVE_FAQ_SQL } from './faqs.js';
import type { SearchHit } from './schemas.js';
import {
  faqMatchSql,
  highlightHtml,
  highlightTerms,
  orTsQuery,
  plainText,
  prepareQuery,
  queryTokens,
  snippetHtml,
} from './text.js';

export interface SearchOptions {
  type?: 'all' | 'articles' | 'faqs';
  locale?: string;
  limit?: number;
  /** the help center: published articles and active FAQ entries only */
  publicOnly?: boolean;
}

/** Share of the query's tokens that occur in `text` (0..1): favours entries that match more of the question. */
function coverage(text: string, tokens: string[]) {
  if (tokens.length === 0) return 0;
  const lower = text.toLowerCase();
  return tokens.filter((t) => lower.includes(t)).length / tokens.length;
}

const MAX_READINGS = 8;

/**
 * The query as typed, then as it would read with the company's synonyms (the bot's 同义词): 「寄出」 also
 * searches 「发货」. At most eight readings.
 */
export const synonymReadings = (query: string, groups: string[][]) =>
  new Synonyms(groups).readings(query, MAX_READINGS);

/**
 * Searches article titles and bodies and FAQ questions, similar questions and answers, in Chinese and English:
 * the query is segmented like the index (jieba / words + stems) and any shared token matches (ranked by
 * ts_rank and by how many of the query's tokens an entry contains); a substring match (ILIKE) catches what
 * segmentation splits differently. Titles and snippets come back HTML-escaped with <mark> around matches.
 */
export async function searchKnowledge(
  kernel: Kernel,
  tenantId: string,
  q: string,
  opts: SearchOptions = {},
): Promise<SearchHit[]> {
  const { query, like } = prepareQuery(q);
  if (!query) return [];
  const limit = opts.limit ?? 20;
  const type = opts.type ?? 'all';
  const hits: SearchHit[] = [];

  await kernel.db.tenantTx(tenantId, async (sql) => {
    // every reading of the query through the synonyms counts; an entry scores by the reading it fits best
    const readings = synonymReadings(query, await synonymGroups(sql, tenantId));
    const readingTokens = readings.map(queryTokens);
    const tsq = orTsQuery([...new Set(readingTokens.flat())].slice(0, 64));
    const terms = [...new Set(readings.flatMap(highlightTerms))];
    const cover = (text: string) => Math.max(...readingTokens.map((t) => coverage(text, t)));
    if (type !== 'faqs') {
      const rows = await sql.query(
        `SELECT a.id, a.slug, a.status, t.locale, t.title, t.description, t.body_md,
           COALESCE(ts_rank(t.search, qq.q), 0) AS rank,
           (t.title ILIKE '%' || $3 || '%') AS title_like,
           (t.body_md ILIKE '%' || $3 || '%' OR t.description ILIKE '%' || $3 || '%') AS body_like
         FROM kb_article_translations t JOIN kb_articles a ON a.id = t.article_id
         CROSS JOIN (SELECT CASE WHEN $2::text IS NULL THEN NULL ELSE to_tsquery('simple', $2) END AS q) qq
         WHERE t.tenant_id = $1 AND ($4::text IS NULL OR t.locale = $4) AND (NOT $5 OR a.status = 'published')
           AND (t.search @@ qq.q OR t.title ILIKE '%' || $3 || '%' OR t.body_md ILIKE '%' || $3 || '%'
                OR t.description ILIKE '%' || $3 || '%')
         ORDER BY rank DESC LIMIT 200`,
        [tenantId, tsq, like, opts.locale ?? null, opts.publicOnly ?? false],
      );
      const best = new Map<string, SearchHit>();
      for (const r of rows) {
        const body = plainText(r.body_md);
        const text = [r.description, body].filter(Boolean).join(' — ');
        const score =
          Number(r.rank) +
          cover(`${r.title} ${r.description} ${body}`) +
          cover(r.title) +
          (r.title_like ? 1 : 0) +
          (r.body_like ? 0.3 : 0);
        const hit: SearchHit = {
          type: 'article',
          id: r.id,
          locale: r.locale,
          title: r.title,
          titleHtml: highlightHtml(r.title, terms),
          snippetHtml: snippetHtml(text, terms),
          score: Math.round(score * 1000) / 1000,
          slug: r.slug,
          status: r.status,
        };
        const prior = best.get(r.id);
        // one hit per article: its best-matching language, the requested one on a tie
        if (!prior || hit.score > prior.score) best.set(r.id, hit);
      }
      hits.push(...best.values());
    }
    if (type !== 'articles') {
      const match = faqMatchSql('$2', '$3');
      const rows = await sql.query(
        `SELECT f.*, ${match.rank} AS rank, ${match.questionLike} AS question_like, ${match.answerLike} AS answer_like
         FROM kb_faqs f ${match.join}
         WHERE f.tenant_id = $1 AND ($4::text IS NULL OR f.locale = $4) AND (NOT $5 OR (${ACTIVE_FAQ_SQL}))
           AND ${match.where}
         ORDER BY rank DESC LIMIT 200`,
        [tenantId, tsq, like, opts.locale ?? null, opts.publicOnly ?? false],
      );
      for (const r of rows) {
        const questions: string[] = [r.question, ...(r.similar_questions ?? [])];
        // the asked-like question: the one sharing most tokens with the query (the standard one on a tie)
        let matched = r.question as string;
        let matchedCover = cover(matched);
        for (const s of questions.slice(1)) {
          const c = cover(s) + (s.toLowerCase().includes(query.toLowerCase()) ? 1 : 0);
          if (c > matchedCover) [matched, matchedCover] = [s, c];
        }
        const answer = plainText(r.answer?.text ?? '');
        const score =
          Number(r.rank) +
          cover(`${questions.join(' ')} ${answer}`) +
          matchedCover +
          (r.question_like ? 1 : 0) +
          (r.answer_like ? 0.3 : 0);
        hits.push({
          type: 'faq',
          id: r.id,
          locale: r.locale,
          title: r.question,
          titleHtml: highlightHtml(r.question, terms),
          snippetHtml: snippetHtml(answer, terms),
          score: Math.round(score * 1000) / 1000,
          enabled: r.enabled,
          ...(matched !== r.question ? { matchedQuestion: matched } : {}),
        });
      }
    }
  });
  return hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)).slice(0, limit);
}
