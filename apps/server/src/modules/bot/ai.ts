import crypto from 'node:crypto';
import { TfIdfIndex } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import type { RequestContext } from '../../platform/principal.js';
import { assertReachable } from './flows.js';

/** A tenant's OpenAI-compatible endpoint (the API key never leaves the server). */
export interface AiSettings {
  enabled: boolean;
  baseUrl: string;
  apiKey: string | null;
  embeddingModel: string;
  chatModel: string;
  minScore: number;
}

export interface Passage {
  key: string;
  title: string;
  text: string;
  /** Where the customer can read more: a help-center page, or null for an FAQ answer. */
  url: string | null;
}

export interface Generated {
  answer: string | null;
  citations: { n: number; title: string; url: string | null }[];
  /** Why there is no answer: nothing in the knowledge base supports one, or the endpoint failed. */
  reason?: 'no_support' | 'declined' | 'error';
}

const TIMEOUT_MS = 15_000;
const TOP_K = 4;

export async function loadAiSettings(sql: Sql, tenantId: string): Promise<AiSettings | null> {
  const [row] = await sql.query('SELECT * FROM bot_ai_settings WHERE tenant_id = $1', [tenantId]);
  return row
    ? {
        enabled: row.enabled,
        baseUrl: row.base_url,
        apiKey: row.api_key,
        embeddingModel: row.embedding_model,
        chatModel: row.chat_model,
        minScore: Number(row.min_score),
      }
    : null;
}

export async function getAiSettings(kernel: Kernel, ctx: RequestContext) {
  const s = await kernel.db.tenantTx(ctx.tenantId, (sql) => loadAiSettings(sql, ctx.tenantId));
  return {
    enabled: s?.enabled ?? false,
    baseUrl: s?.baseUrl ?? '',
    embeddingModel: s?.embeddingModel ?? '',
    chatModel: s?.chatModel ?? '',
    minScore: s?.minScore ?? 0.35,
    hasApiKey: Boolean(s?.apiKey),
  };
}

export async function putAiSettings(
  kernel: Kernel,
  ctx: RequestContext,
  input: Omit<AiSettings, 'apiKey' | 'minScore'> & { apiKey?: string; minScore?: number },
) {
  await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query(
      `INSERT INTO bot_ai_settings (tenant_id, enabled, base_url, api_key, embedding_model, chat_model, min_score)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id) DO UPDATE SET enabled = $2, base_url = $3,
         api_key = CASE WHEN $8::boolean THEN $4 ELSE bot_ai_settings.api_key END,
         embedding_model = $5, chat_model = $6, min_score = $7, updated_at = now()`,
      [
        ctx.tenantId,
        input.enabled,
        input.baseUrl.replace(/\/+$/, ''),
        input.apiKey || null,
        input.embeddingModel,
        input.chatModel,
        input.minScore ?? 0.35,
        input.apiKey !== undefined,
      ],
    ),
  );
  return getAiSettings(kernel, ctx);
}

/** The knowledge the bot may answer from: FAQ answers and published help articles, in paragraphs. */
async function passages(sql: Sql, tenantId: string): Promise<Passage[]> {
  const [tenant] = await sql.query('SELECT slug FROM tenants WHERE id = $1', [tenantId]);
  const faqs = await sql.query(
    `SELECT id, question, answer FROM kb_faqs WHERE tenant_id = $1 AND enabled
       AND (valid_from IS NULL OR valid_from <= now()) AND (valid_until IS NULL OR valid_until > now())`,
    [tenantId],
  );
  const articles = await sql.query(
    `SELECT a.id, a.slug, t.locale, t.title, t.body_md FROM kb_articles a
       JOIN kb_article_translations t ON t.article_id = a.id
     WHERE a.tenant_id = $1 AND a.status = 'published'`,
    [tenantId],
  );
  const out: Passage[] = faqs.map((f) => ({
    key: `faq:${f.id}`,
    title: f.question,
    text: `${f.question}\n${f.answer?.text ?? ''}`,
    url: null,
  }));
  for (const a of articles) {
    const paragraphs = String(a.body_md)
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    // paragraphs joined up to ~600 characters: enough context per passage, several passages per article
    let chunk = '';
    let n = 0;
    const push = () => {
      if (!chunk) return;
      out.push({
        key: `article:${a.id}:${a.locale}:${n++}`,
        title: a.title,
        text: `${a.title}\n${chunk}`,
        url: `/help/${tenant.slug}/articles/${a.slug}${a.locale === 'en' ? '?lang=en' : ''}`,
      });
      chunk = '';
    };
    for (const p of paragraphs) {
      if (chunk && chunk.length + p.length > 600) push();
      chunk = chunk ? `${chunk}\n\n${p}` : p;
    }
    push();
  }
  return out;
}

async function callEndpoint(kernel: Kernel, settings: AiSettings, path: string, body: unknown) {
  const url = new URL(`${settings.baseUrl}${path}`);
  await assertReachable(kernel, url);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
    },
    body: JSON.stringify(body),
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as any;
}

async function embed(kernel: Kernel, settings: AiSettings, texts: string[]): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += 64) {
    const batch = texts.slice(i, i + 64);
    const data = await callEndpoint(kernel, settings, '/embeddings', {
      model: settings.embeddingModel,
      input: batch,
    });
    const rows = [...(data?.data ?? [])].sort((a: any, b: any) => a.index - b.index);
    if (rows.length !== batch.length) throw new Error('embeddings: wrong number of vectors');
    out.push(...rows.map((r: any) => r.embedding as number[]));
  }
  return out;
}

const hash = (text: string) => crypto.createHash('sha256').update(text).digest('hex').slice(0, 32);

function cosine(a: number[], b: number[]) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Hybrid retrieval: each passage scores half by meaning (embedding cosine) and half by words (TF-IDF);
 * passages whose embeddings are missing or stale are embedded first, in batches, and kept.
 */
export async function retrieve(kernel: Kernel, tenantId: string, settings: AiSettings, query: string) {
  const { all, stored } = await kernel.db.tenantTx(tenantId, async (sql) => ({
    all: await passages(sql, tenantId),
    stored: await sql.query(
      'SELECT passage_key, text_hash, vector FROM kb_embeddings WHERE tenant_id = $1 AND model = $2',
      [tenantId, settings.embeddingModel],
    ),
  }));
  if (all.length === 0) return [];
  const have = new Map(stored.map((r) => [r.passage_key as string, r]));
  const missing = all.filter((p) => have.get(p.key)?.text_hash !== hash(p.text));
  if (missing.length) {
    const vectors = await embed(
      kernel,
      settings,
      missing.map((p) => p.text),
    );
    await kernel.db.tenantTx(tenantId, async (sql) => {
      for (const [i, p] of missing.entries()) {
        await sql.query(
          `INSERT INTO kb_embeddings (tenant_id, passage_key, model, text_hash, vector) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, passage_key, model) DO UPDATE SET text_hash = $4, vector = $5, created_at = now()`,
          [tenantId, p.key, settings.embeddingModel, hash(p.text), vectors[i]],
        );
        have.set(p.key, { passage_key: p.key, text_hash: hash(p.text), vector: vectors[i] });
      }
    });
  }
  const [q] = await embed(kernel, settings, [query]);
  const lexical = new TfIdfIndex(all.map((p) => ({ id: p.key, text: p.text }))).scores(query);
  return all
    .map((p) => {
      const meaning = Math.max(0, cosine(q, (have.get(p.key)?.vector ?? []).map(Number)));
      const words = lexical.get(p.key) ?? 0;
      return { passage: p, score: 0.5 * meaning + 0.5 * words, meaning, words };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * An answer generated only from retrieved passages, with citations — or no answer. The model is told to
 * say NO_ANSWER when the passages do not support one; an answer that cites nothing is refused as well.
 */
export async function generate(
  kernel: Kernel,
  tenantId: string,
  settings: AiSettings,
  question: string,
): Promise<Generated> {
  try {
    const ranked = (await retrieve(kernel, tenantId, settings, question)).filter(
      (r) => r.score >= settings.minScore,
    );
    if (ranked.length === 0) return { answer: null, citations: [], reason: 'no_support' };
    const top = ranked.slice(0, TOP_K);
    const numbered = top.map((r, i) => `[${i + 1}] ${r.passage.text}`).join('\n\n');
    const data = await callEndpoint(kernel, settings, '/chat/completions', {
      model: settings.chatModel,
      temperature: 0,
      messages: [
        {
          role: 'system',
          content:
            "You are a customer-service assistant. Answer the customer's question using ONLY the numbered passages. " +
            'Cite every passage you use with its number in brackets, like [1]. If the passages do not answer the ' +
            'question, reply with exactly NO_ANSWER. Answer in the language of the question, briefly.',
        },
        { role: 'user', content: `Passages:\n${numbered}\n\nQuestion: ${question}` },
      ],
    });
    const text = String(data?.choices?.[0]?.message?.content ?? '').trim();
    if (!text || /NO_ANSWER/.test(text)) return { answer: null, citations: [], reason: 'declined' };
    const cited = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].filter(
      (n) => n >= 1 && n <= top.length,
    );
    if (cited.length === 0) return { answer: null, citations: [], reason: 'declined' };
    return {
      answer: text,
      citations: cited.map((n) => ({ n, title: top[n - 1].passage.title, url: top[n - 1].passage.url })),
    };
  } catch (e) {
    kernel.log.warn({ tenantId, err: (e as Error).message }, 'AI answer failed');
    return { answer: null, citations: [], reason: 'error' };
  }
}
