import { normalize, type FaqMatcher } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import type { FlowDefinition } from './flow-definition.js';
import { synonymGroups } from './synonyms.js';
import { trainMatcher, type TrainedWhere } from './trainer.js';

export interface FaqAnswer {
  text: string;
  buttons?: { label: string; reply?: string; url?: string }[];
}
export interface BotFaq {
  id: string;
  question: string;
  /** The standard and the similar questions normalised (NFKC, lower case), for the widget's typeahead. */
  typeaheadText: { question: string; similar: string };
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
  /** Trained on the training thread or inline (tiny bases). */
  trainedOn: TrainedWhere;
}

/**
 * How long a customer's message waits for a retraining in progress before the previous model answers it
 * (a large FAQ base takes longer; the new model takes over as soon as it is ready).
 */
const FRESH_WAIT_MS = 3000;
/** Tenants whose trained bot stays in memory; the least recently used is dropped first. */
const MAX_CACHED_BOTS = 1000;

// tenant → its newest trained bot, in least-recently-used order; `seq` orders training runs, `verifiedAt` is
// when a fingerprint check last found the bot current (0: not yet)
const cache = new Map<string, { bot: TenantBot; seq: number; verifiedAt: number }>();
const training = new Map<string, Promise<TenantBot>>();
let trainingSeq = 0;

// what the bot may answer with right now: enabled entries inside their validity dates
export const LIVE = `enabled AND (valid_from IS NULL OR valid_from <= now()) AND (valid_until IS NULL OR valid_until > now())`;

/** A cheap fingerprint of the tenant's live FAQ entries, flows and synonyms: any edit, import or expiry changes it. */
async function faqVersion(sql: Sql, tenantId: string) {
  // one round trip: this runs for every customer message the bot reads
  const [v] = await sql.query(
    `SELECT
       (SELECT count(*)::int || ':' || COALESCE(max(updated_at), 'epoch')::text FROM kb_faqs WHERE tenant_id = $1 AND ${LIVE}) AS faqs,
       (SELECT count(*)::int || ':' || COALESCE(max(updated_at), 'epoch')::text FROM bot_flows WHERE tenant_id = $1 AND enabled) AS flows,
       (SELECT count(*)::int || ':' || COALESCE(max(updated_at), 'epoch')::text FROM bot_synonyms WHERE tenant_id = $1) AS synonyms`,
    [tenantId],
  );
  return `${v.faqs}|${v.flows}|${v.synonyms}`;
}

async function train(kernel: Kernel, tenantId: string, version: string): Promise<TenantBot> {
  const [rows, flowRows, synonyms] = await kernel.db.tenantTx(tenantId, async (sql) => [
    await sql.query(
      `SELECT id, question, similar_questions, answer, channel_answers FROM kb_faqs WHERE tenant_id = $1 AND ${LIVE}`,
      [tenantId],
    ),
    await sql.query('SELECT id, name, triggers, definition FROM bot_flows WHERE tenant_id = $1 AND enabled', [
      tenantId,
    ]),
    await synonymGroups(sql, tenantId),
  ]);
  const started = performance.now();
  const { matcher, where } = await trainMatcher(
    [
      ...rows.map((r) => ({ id: r.id, questions: [r.question, ...(r.similar_questions ?? [])] })),
      // a flow is started by its name and trigger phrases, learnt like an FAQ entry's questions
      ...flowRows.map((f) => ({ id: `flow:${f.id}`, questions: [f.name, ...(f.triggers ?? [])] })),
    ],
    synonyms as string[][],
  );
  const flows = new Map<string, BotFlow>(
    flowRows.map((f) => [`flow:${f.id}`, { id: f.id, name: f.name, definition: f.definition }]),
  );
  const faqs = new Map<string, BotFaq>(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        question: r.question,
        // normalised once per training, not on every keystroke of every visitor
        typeaheadText: {
          question: normalize(r.question),
          similar: (r.similar_questions ?? []).map((q: string) => normalize(q)).join('\n'),
        },
        answer: (r.channel_answers?.website ?? r.answer) as FaqAnswer,
      },
    ]),
  );
  return {
    version,
    matcher,
    faqs,
    flows,
    trainedAt: new Date(),
    trainMs: Math.round(performance.now() - started),
    trainedOn: where,
  };
}

/**
 * The tenant's bot, trained on its FAQ entries. Retrained when the entries change (checked on every use,
 * so every node of a cluster follows within one message); concurrent callers share one training run.
 * While a retraining runs, a caller waits for it up to FRESH_WAIT_MS and then gets the previous model;
 * `fresh` waits for the new one (the trainer's test console must show what was just taught).
 */
export async function tenantBot(
  kernel: Kernel,
  tenantId: string,
  options: { fresh?: boolean; waitMs?: number } = {},
): Promise<TenantBot> {
  const { version, current, previous } = await lookUp(kernel, tenantId);
  if (current) return current;
  const run = startTraining(kernel, tenantId, version);
  if (!previous || options.fresh) return run;
  // a failed retraining leaves the previous model answering
  return (await within(run, options.waitMs ?? FRESH_WAIT_MS)) ?? remember(tenantId, previous);
}

/**
 * The tenant's bot for the widget's typeahead, which must not hold a keystroke for a training: the model in
 * memory, even one a retraining is replacing; with none yet, the first training if it is done within
 * `waitMs` (a small base), else null. A training is started if needed, so later keystrokes find the bot.
 */
export async function tenantBotIfReady(kernel: Kernel, tenantId: string, waitMs: number) {
  // the fingerprint costs a scan of the tenant's entries: keystrokes trust a recent check
  const entry = cache.get(tenantId);
  if (entry && Date.now() - entry.verifiedAt < RECHECK_MS) return remember(tenantId, entry.bot);
  const { version, current, previous } = await lookUp(kernel, tenantId);
  if (current) return current;
  const run = startTraining(kernel, tenantId, version);
  // a retraining takes over when it is done; meanwhile the previous model answers at once
  if (previous) return remember(tenantId, previous);
  return within(run, waitMs);
}

/** How long the typeahead trusts a fingerprint check (an edit reaches it within this, a message at once). */
const RECHECK_MS = 2000;

/** The fingerprint now; the cached bot as `current` when it matches, else as `previous` (if any). */
async function lookUp(kernel: Kernel, tenantId: string) {
  const version = await kernel.db.tenantTx(tenantId, (sql) => faqVersion(sql, tenantId));
  const entry = cache.get(tenantId);
  if (entry?.bot.version !== version) return { version, current: null, previous: entry?.bot ?? null };
  entry.verifiedAt = Date.now();
  return { version, current: remember(tenantId, entry.bot), previous: null };
}

/** The run's result if it settles within `ms`, else null (a failure also gives null). */
async function within<T>(run: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([run.catch(() => null), waited]).finally(() => clearTimeout(timer));
}

function startTraining(kernel: Kernel, tenantId: string, version: string): Promise<TenantBot> {
  const key = `${tenantId}:${version}`;
  let run = training.get(key);
  if (!run) {
    const seq = ++trainingSeq;
    run = train(kernel, tenantId, version)
      .then((bot) => {
        // a run that started earlier but finished later must not replace a newer model
        const current = cache.get(tenantId);
        if (!current || current.seq < seq) {
          cache.delete(tenantId);
          cache.set(tenantId, { bot, seq, verifiedAt: 0 });
          evictOldest();
        }
        return bot;
      })
      .finally(() => training.delete(key));
    run.catch(() => {}); // callers see the failure; one that stopped waiting must not crash the node
    training.set(key, run);
  }
  return run;
}

/** Mark the tenant's bot as just used. */
function remember(tenantId: string, bot: TenantBot): TenantBot {
  const entry = cache.get(tenantId);
  if (entry?.bot === bot) {
    cache.delete(tenantId);
    cache.set(tenantId, entry);
  }
  return bot;
}

function evictOldest() {
  while (cache.size > MAX_CACHED_BOTS) cache.delete(cache.keys().next().value!);
}

/** Inside the caller's transaction (embedded mode has one connection: a second transaction would wait forever). */
export async function hasLiveFaqs(sql: Sql, tenantId: string) {
  return (await faqVersion(sql, tenantId)).split('|').some((part) => !part.startsWith('0:'));
}
