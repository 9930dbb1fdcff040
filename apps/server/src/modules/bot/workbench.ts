import { ANSWER_MODES, detectDistress, Synonyms, TfIdfIndex, topicTerms, type AnswerMode } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import type { RequestContext } from '../../platform/principal.js';
import { notFound } from '../../platform/errors.js';
import { chatText } from '@kefu/shared';
import { asksForHuman, decide } from './engine.js';
import { smallTalk } from './smalltalk.js';
import { tenantBot } from './knowledge.js';
import { synonymGroups } from './synonyms.js';

/** The test console: what the bot would do with `text`, and the entries it weighed, with scores. */
export async function testMatch(
  kernel: Kernel,
  ctx: RequestContext,
  text: string,
  answerMode: AnswerMode = 'balanced',
) {
  // what was just taught, not the model still answering customers while it retrains
  const bot = await tenantBot(kernel, ctx.tenantId, { fresh: true });
  const decision = decide(text, bot.matcher, 0, answerMode);
  const match = bot.matcher.match(text, ANSWER_MODES[answerMode]);
  return {
    answerMode,
    // the message as the bot read it through the synonyms (null when none applied)
    readAs: bot.matcher.readAs(text),
    action: decision.steps[0]?.kind ?? 'fallback',
    handoffReason: decision.steps[0]?.kind === 'handoff' ? decision.steps[0].reason : null,
    // what the anger/distress detector saw (also when it stayed below the hand-off thresholds)
    distress: distressOf(text),
    answers: decision.steps.filter((s) => s.kind === 'answer').map((s) => (s as { faqId: string }).faqId),
    candidates: match.candidates.map((c) => ({
      faqId: c.id,
      question: bot.faqs.get(c.id)?.question ?? c.question,
      closestQuestion: c.question,
      score: round(c.score),
      lexical: round(c.lexical),
      model: round(c.model),
    })),
    model: {
      entries: bot.matcher.size,
      trainedAt: bot.trainedAt.toISOString(),
      trainMs: bot.trainMs,
      trainedOn: bot.trainedOn,
    },
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function distressOf(text: string) {
  const d = detectDistress(text.trim());
  return { distressed: d.distressed, probability: round(d.probability), signals: d.signals };
}

/**
 * Agent assist: the three knowledge-base answers closest to the customer's latest question — its latest
 * message that is not a request for a person or small talk (「转人工」 and 「谢谢」 ask nothing the knowledge
 * base could answer). Answers come as chat text: links spelt out, so they work on every channel.
 */
export async function assist(kernel: Kernel, ctx: RequestContext, conversationId: string) {
  const recent = await kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    const [conv] = await sql.query('SELECT id FROM conversations WHERE tenant_id = $1 AND id = $2', [
      ctx.tenantId,
      conversationId,
    ]);
    if (!conv) throw notFound('conversation');
    return sql.query(
      `SELECT id, body FROM messages WHERE conversation_id = $1 AND sender_type = 'contact' AND body <> ''
       ORDER BY created_at DESC LIMIT 10`,
      [conversationId],
    );
  });
  const last = recent.find((m) => !asksForHuman(m.body) && !smallTalk(m.body));
  if (!last) return { messageId: null, items: [] };
  const bot = await tenantBot(kernel, ctx.tenantId);
  const items = bot.matcher
    .match(last.body)
    .candidates.filter((c) => c.score > 0.1)
    .slice(0, 3)
    .map((c) => {
      const faq = bot.faqs.get(c.id)!;
      const answer = chatText(faq.answer.text, kernel.config.publicUrl);
      return { faqId: c.id, question: faq.question, answer, score: round(c.score) };
    });
  return { messageId: last.id as string, items };
}

/**
 * What the bot could not handle, grouped by wording: unmatched (fallback), unsure ("did you mean") and
 * answers the customer marked "not solved". Most frequent first, so the trainer fixes what matters most.
 */
export async function workbench(kernel: Kernel, ctx: RequestContext, days: number) {
  const [groups, rows] = await kernel.db.tenantTx(ctx.tenantId, async (sql) => [
    await synonymGroups(sql, ctx.tenantId),
    await sql.query(
      `WITH t AS (
         SELECT b.*, lower(regexp_replace(b.text, '[[:space:][:punct:]，。？！、；：“”‘’（）【】]+', '', 'g')) AS key,
           CASE WHEN b.feedback = 'not_solved' THEN 'not_solved' WHEN b.action = 'suggest' THEN 'unsure' ELSE 'unmatched' END AS kind
         FROM bot_turns b
         WHERE b.tenant_id = $1 AND b.created_at > now() - make_interval(days => $2)
           AND (b.action IN ('fallback', 'suggest') OR b.feedback = 'not_solved'))
       SELECT kind, key, (array_agg(text ORDER BY created_at DESC))[1] AS text, count(*)::int AS count,
         max(created_at) AS last_at, (array_agg(faq_id ORDER BY created_at DESC))[1] AS faq_id,
         (array_agg(conversation_id ORDER BY created_at DESC))[1] AS conversation_id
       FROM t WHERE key <> '' GROUP BY kind, key ORDER BY count DESC, last_at DESC LIMIT 300`,
      [ctx.tenantId, days],
    ),
  ]);
  const synonyms = new Synonyms(groups as string[][]);
  const faqIds = [...new Set(rows.map((r) => r.faq_id).filter(Boolean))];
  const questions = faqIds.length
    ? await kernel.db.tenantTx(ctx.tenantId, (sql) =>
        sql.query('SELECT id, question FROM kb_faqs WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [
          ctx.tenantId,
          faqIds,
        ]),
      )
    : [];
  const questionOf = new Map(questions.map((q) => [q.id, q.question as string]));
  const group = (kind: string) =>
    clusterWordings(
      rows
        .filter((r) => r.kind === kind)
        .map((r) => ({
          text: r.text as string,
          count: r.count as number,
          lastAt: new Date(r.last_at).toISOString(),
          conversationId: r.conversation_id as string,
          faq:
            r.faq_id && questionOf.has(r.faq_id)
              ? { id: r.faq_id as string, question: questionOf.get(r.faq_id)! }
              : null,
        })),
      synonyms,
    );
  return { unmatched: group('unmatched'), unsure: group('unsure'), notSolved: group('not_solved') };
}

interface Wording {
  text: string;
  count: number;
  lastAt: string;
  conversationId: string;
  faq: { id: string; question: string } | null;
}

/** Word/bigram similarity at which two wordings count as the same question asked differently. */
export const SAME_QUESTION = 0.3;
const MAX_VARIANTS = 20;

/**
 * Wordings of one question gathered under its most frequent one (「有自行车卖吗」 with 「你们有没有自行车」), so
 * the trainer sees what customers ask, not each way they typed it. Greedy: most frequent first, each joins
 * the first group whose leading wording is similar enough. Counts add up; the latest conversation is kept.
 */
export function clusterWordings(items: Wording[], synonyms = new Synonyms([])) {
  const sorted = [...items].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
  // by topic words, read through the company's synonyms (「寄出」 is 「发货」): sharing 「什么时候」 or
  // "how long" does not make two questions one
  const topics = (text: string) => topicTerms(synonyms.rewrite(text));
  const index = new TfIdfIndex(
    sorted.map((w, i) => ({ id: String(i), text: w.text })),
    topics,
  );
  const groups: { lead: number; members: number[] }[] = [];
  sorted.forEach((w, i) => {
    const scores = index.scores(w.text);
    let best: (typeof groups)[number] | null = null;
    let bestScore = SAME_QUESTION;
    for (const g of groups) {
      const score = scores.get(String(g.lead)) ?? 0;
      if (score >= bestScore) [best, bestScore] = [g, score];
    }
    if (best) best.members.push(i);
    else groups.push({ lead: i, members: [] });
  });
  return groups
    .map(({ lead, members }) => {
      const all = [lead, ...members].map((i) => sorted[i]);
      const latest = all.reduce((a, b) => (b.lastAt > a.lastAt ? b : a));
      return {
        ...sorted[lead],
        count: all.reduce((n, w) => n + w.count, 0),
        lastAt: latest.lastAt,
        conversationId: latest.conversationId,
        // the most frequent other wordings (enough to teach the bot; an entry holds at most 200)
        variants: members
          .slice(0, MAX_VARIANTS)
          .map((i) => ({ text: sorted[i].text, count: sorted[i].count })),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

/**
 * Bot metrics per day: conversations the bot took, how many it resolved alone (never handed off, no
 * "not solved"), handed off, and how many customer messages it could not place; plus the top intents.
 */
export async function botMetrics(kernel: Kernel, ctx: RequestContext, days: number) {
  return kernel.db.tenantTx(ctx.tenantId, async (sql) => {
    const daily = await sql.query(
      `SELECT to_char(date_trunc('day', s.created_at), 'YYYY-MM-DD') AS day, count(*)::int AS conversations,
         count(*) FILTER (WHERE s.handoff_reason IS NULL AND NOT EXISTS (
           SELECT 1 FROM bot_turns b WHERE b.conversation_id = s.conversation_id AND b.feedback = 'not_solved'))::int AS resolved,
         count(*) FILTER (WHERE s.handoff_reason IS NOT NULL)::int AS handed_off
       FROM bot_sessions s WHERE s.tenant_id = $1 AND s.created_at > now() - make_interval(days => $2)
       GROUP BY 1 ORDER BY 1`,
      [ctx.tenantId, days],
    );
    // a "did you mean" is picked when the conversation's next turn answers one of its choices
    const turns = await sql.query(
      `SELECT to_char(date_trunc('day', b.created_at), 'YYYY-MM-DD') AS day,
         count(*) FILTER (WHERE b.action <> 'smalltalk')::int AS messages,
         count(*) FILTER (WHERE b.action = 'fallback')::int AS unmatched,
         count(*) FILTER (WHERE b.action = 'suggest')::int AS unsure,
         count(*) FILTER (WHERE b.action = 'suggest' AND next.action = 'answer' AND next.faq_id = ANY(b.choices))::int AS picked
       FROM bot_turns b
       LEFT JOIN LATERAL (
         SELECT n.action, n.faq_id FROM bot_turns n
         WHERE b.action = 'suggest' AND n.conversation_id = b.conversation_id AND n.created_at > b.created_at
         ORDER BY n.created_at LIMIT 1) next ON true
       WHERE b.tenant_id = $1 AND b.created_at > now() - make_interval(days => $2) GROUP BY 1`,
      [ctx.tenantId, days],
    );
    const top = await sql.query(
      `SELECT f.id, f.question, count(*)::int AS count FROM bot_turns b JOIN kb_faqs f ON f.id = b.faq_id
       WHERE b.tenant_id = $1 AND b.action = 'answer' AND b.created_at > now() - make_interval(days => $2)
       GROUP BY f.id, f.question ORDER BY count DESC LIMIT 10`,
      [ctx.tenantId, days],
    );
    const byDay = new Map(turns.map((t) => [t.day, t]));
    const series = daily.map((d) => ({
      day: d.day as string,
      conversations: d.conversations as number,
      resolved: d.resolved as number,
      handedOff: d.handed_off as number,
      messages: (byDay.get(d.day)?.messages as number) ?? 0,
      unmatched: (byDay.get(d.day)?.unmatched as number) ?? 0,
      unsure: (byDay.get(d.day)?.unsure as number) ?? 0,
      picked: (byDay.get(d.day)?.picked as number) ?? 0,
    }));
    const sum = (k: Exclude<keyof (typeof series)[number], 'day'>) => series.reduce((n, d) => n + d[k], 0);
    const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
    return {
      days,
      totals: {
        conversations: sum('conversations'),
        resolutionRate: rate(sum('resolved'), sum('conversations')),
        handoffRate: rate(sum('handedOff'), sum('conversations')),
        unmatchedRate: rate(sum('unmatched'), sum('messages')),
        unsureRate: rate(sum('unsure'), sum('messages')),
        pickRate: rate(sum('picked'), sum('unsure')),
      },
      series,
      topIntents: top.map((t) => ({
        faqId: t.id as string,
        question: t.question as string,
        count: t.count as number,
      })),
    };
  });
}
