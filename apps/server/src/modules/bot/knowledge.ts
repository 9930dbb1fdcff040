import { FaqMatcher } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import type { FlowDefinition } from './flow-definition.js';

export interface FaqAnswer {
  text: string;
  buttons?: { label: string; reply?: string; url?: string }[];
}
export interface BotFaq {
  id: string;
  question: string;
  answer: FaqAnswer;
}
export interface BotFlow {
  id: string;
  name: string;
  definition: FlowDefinition;
}
export interface TenantBot {
  version: string;
  matcher: FaqMatcher;
  faqs: Map<string, BotFaq>;
  /** Task flows, keyed by their matcher id `flow:<id>`. */
  flows: Map<string, BotFlow>;
  trainedAt: Date;
  trainMs: number;
}

const cache = new Map<string, TenantBot>();
const training = new Map<string, Promise<TenantBot>>();

// what the bot may answer with right now: enabled entries inside their validity dates
const LIVE = `enabled AND (valid_from IS NULL OR valid_from <= now()) AND (valid_until IS NULL OR valid_until > now())`;

/** A cheap fingerprint of the tenant's live FAQ entries: any edit, import or expiry changes it. */
async function faqVersion(sql: Sql, tenantId: string) {
  const [row] = await sql.query(
    `SELECT count(*)::int AS n, COALESCE(max(updated_at), 'epoch')::text AS at FROM kb_faqs WHERE tenant_id = $1 AND ${LIVE}`,
    [tenantId],
  );
  const [flows] = await sql.query(
    `SELECT count(*)::int AS n, COALESCE(max(updated_at), 'epoch')::text AS at FROM bot_flows WHERE tenant_id = $1 AND enabled`,
    [tenantId],
  );
  return `${row.n}:${row.at}|${flows.n}:${flows.at}`;
}

async function train(kernel: Kernel, tenantId: string, version: string): Promise<TenantBot> {
  const [rows, flowRows] = await kernel.db.tenantTx(tenantId, async (sql) => [
    await sql.query(
      `SELECT id, question, similar_questions, answer, channel_answers FROM kb_faqs WHERE tenant_id = $1 AND ${LIVE}`,
      [tenantId],
    ),
    await sql.query('SELECT id, name, triggers, definition FROM bot_flows WHERE tenant_id = $1 AND enabled', [
      tenantId,
    ]),
  ]);
  const started = performance.now();
  const matcher = FaqMatcher.train([
    ...rows.map((r) => ({ id: r.id, questions: [r.question, ...(r.similar_questions ?? [])] })),
    // a flow is started by its name and trigger phrases, learnt like an FAQ entry's questions
    ...flowRows.map((f) => ({ id: `flow:${f.id}`, questions: [f.name, ...(f.triggers ?? [])] })),
  ]);
  const flows = new Map<string, BotFlow>(
    flowRows.map((f) => [`flow:${f.id}`, { id: f.id, name: f.name, definition: f.definition }]),
  );
  const faqs = new Map<string, BotFaq>(
    rows.map((r) => [
      r.id,
      { id: r.id, question: r.question, answer: (r.channel_answers?.website ?? r.answer) as FaqAnswer },
    ]),
  );
  return {
    version,
    matcher,
    faqs,
    flows,
    trainedAt: new Date(),
    trainMs: Math.round(performance.now() - started),
  };
}

/**
 * The tenant's bot, trained on its FAQ entries. Retrained when the entries change (checked on every use,
 * so every node of a cluster follows within one message); concurrent callers share one training run.
 */
export async function tenantBot(kernel: Kernel, tenantId: string): Promise<TenantBot> {
  const version = await kernel.db.tenantTx(tenantId, (sql) => faqVersion(sql, tenantId));
  const cached = cache.get(tenantId);
  if (cached?.version === version) return cached;
  const key = `${tenantId}:${version}`;
  let run = training.get(key);
  if (!run) {
    run = train(kernel, tenantId, version).finally(() => training.delete(key));
    training.set(key, run);
  }
  const bot = await run;
  cache.set(tenantId, bot);
  return bot;
}

/** Inside the caller's transaction (embedded mode has one connection: a second transaction would wait forever). */
export async function hasLiveFaqs(sql: Sql, tenantId: string) {
  return (await faqVersion(sql, tenantId)).split('|').some((part) => !part.startsWith('0:'));
}
