import dns from 'node:dns/promises';
import net from 'node:net';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';
import { parseFlow, render, type FlowDefinition } from './flow-definition.js';

export interface FlowRow {
  id: string;
  name: string;
  enabled: boolean;
  triggers: string[];
  source: string;
  definition: FlowDefinition;
  hasSecret: boolean;
  updatedAt: string;
}

const present = (r: any): FlowRow => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  triggers: r.triggers ?? [],
  source: r.source,
  definition: r.definition,
  hasSecret: Boolean(r.secret),
  updatedAt: new Date(r.updated_at).toISOString(),
});

function checked(source: string): FlowDefinition {
  const parsed = parseFlow(source);
  if ('problems' in parsed) {
    throw new AppError(
      400,
      'validation_failed',
      `${parsed.problems[0].field}: ${parsed.problems[0].message}`,
      parsed.problems,
    );
  }
  return parsed.definition;
}

const nameTaken = (err: any): never => {
  if (err?.code === '23505')
    throw new AppError(409, 'flow_name_taken', 'a flow with this name exists', [
      { field: 'name', message: 'taken' },
    ]);
  throw err;
};

export interface FlowInput {
  name: string;
  enabled?: boolean;
  triggers: string[];
  source: string;
  /** Sent to the company's endpoint as {{secret}}; stored server-side, never returned. */
  secret?: string;
}

export async function listFlows(kernel: Kernel, ctx: RequestContext) {
  const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query('SELECT * FROM bot_flows WHERE tenant_id = $1 ORDER BY name', [ctx.tenantId]),
  );
  return { items: rows.map(present) };
}

export async function getFlow(kernel: Kernel, ctx: RequestContext, id: string) {
  const [row] = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query('SELECT * FROM bot_flows WHERE tenant_id = $1 AND id = $2', [ctx.tenantId, id]),
  );
  if (!row) throw notFound('flow');
  return row;
}

export async function createFlow(kernel: Kernel, ctx: RequestContext, input: FlowInput) {
  const definition = checked(input.source);
  return kernel.events
    .run(ctx.tenantId, async (tx) => {
      const [row] = await tx.sql.query(
        `INSERT INTO bot_flows (tenant_id, name, enabled, triggers, source, definition, secret)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [
          ctx.tenantId,
          input.name,
          input.enabled ?? true,
          input.triggers,
          input.source,
          JSON.stringify(definition),
          input.secret ?? null,
        ],
      );
      return present(row);
    })
    .catch(nameTaken);
}

export async function updateFlow(kernel: Kernel, ctx: RequestContext, id: string, patch: Partial<FlowInput>) {
  const current = present(await getFlow(kernel, ctx, id));
  const source = patch.source ?? current.source;
  const definition = checked(source);
  return kernel.events
    .run(ctx.tenantId, async (tx) => {
      const [row] = await tx.sql.query(
        `UPDATE bot_flows SET name = $3, enabled = $4, triggers = $5, source = $6, definition = $7,
         secret = CASE WHEN $8::boolean THEN $9 ELSE secret END, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [
          ctx.tenantId,
          id,
          patch.name ?? current.name,
          patch.enabled ?? current.enabled,
          patch.triggers ?? current.triggers,
          source,
          JSON.stringify(definition),
          patch.secret !== undefined,
          patch.secret || null,
        ],
      );
      return present(row);
    })
    .catch(nameTaken);
}

export async function deleteFlow(kernel: Kernel, ctx: RequestContext, id: string) {
  await getFlow(kernel, ctx, id);
  await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query('DELETE FROM bot_flows WHERE tenant_id = $1 AND id = $2', [ctx.tenantId, id]),
  );
}

/** Enabled flows for the bot's matcher (inside the caller's transaction). */
export async function liveFlows(sql: Sql, tenantId: string) {
  const rows = await sql.query(
    'SELECT id, name, triggers, definition, secret, updated_at FROM bot_flows WHERE tenant_id = $1 AND enabled',
    [tenantId],
  );
  return rows;
}

const PRIVATE_V4 = [
  ['10.0.0.0', 8],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
  ['0.0.0.0', 8],
] as const;
const v4 = (ip: string) => ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;

function isPrivateAddress(ip: string) {
  if (net.isIPv4(ip)) {
    return PRIVATE_V4.some(([base, bits]) => v4(ip) >>> (32 - bits) === v4(base) >>> (32 - bits));
  }
  const lower = ip.toLowerCase();
  if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice(7));
  return (
    lower === '::1' ||
    lower === '::' ||
    lower.startsWith('fc') ||
    lower.startsWith('fd') ||
    lower.startsWith('fe80')
  );
}

/**
 * Flows call the company's endpoints, configured by tenants: they must not reach into the network Kefu
 * runs in. Private and loopback addresses are refused unless the operator allows them, except Kefu's own
 * public address (where the demo order API lives).
 */
export async function assertReachable(kernel: Kernel, url: URL) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http and https');
  if (kernel.config.botAllowPrivateNetwork || url.origin === new URL(kernel.config.publicUrl).origin) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true })).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) throw new Error(`${host} is a private address`);
}

export interface FlowRun {
  ok: boolean;
  request: { method: string; url: string };
  status: number | null;
  answer: { text: string; buttons: { label: string; reply?: string; url?: string }[] };
  error: string | null;
}

/** Calls the flow's endpoint with the collected slots and renders the answer (or the error path). */
export async function runFlow(
  kernel: Kernel,
  definition: FlowDefinition,
  slots: Record<string, string>,
  secret: string | null,
): Promise<FlowRun> {
  // {{kefu.url}}: this Kefu's public address (the demo order API lives there)
  const scope = { slots, secret: secret ?? '', kefu: { url: kernel.config.publicUrl } };
  const method = definition.request.method ?? 'GET';
  const url = render(definition.request.url, scope, encodeURIComponent);
  const fail = (error: string, status: number | null = null): FlowRun => ({
    ok: false,
    request: { method, url: url.replace(secret || '\u0000', '***') },
    status,
    answer: { text: render(definition.onError?.text ?? '', scope), buttons: [] },
    error,
  });
  try {
    let target = new URL(url);
    await assertReachable(kernel, target);
    // our own address: call this process directly rather than through whatever "localhost" resolves to
    if (target.origin === new URL(kernel.config.publicUrl).origin) {
      target = new URL(target.pathname + target.search, `http://127.0.0.1:${kernel.config.port}`);
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [k, v] of Object.entries(definition.request.headers ?? {})) headers[k] = render(v, scope);
    let body: string | undefined;
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(renderDeep(definition.request.body ?? {}, scope));
    }
    const res = await fetch(target, {
      method,
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(definition.request.timeoutMs ?? 5000),
    });
    const text = await res.text();
    if (!res.ok) return fail(`HTTP ${res.status}`, res.status);
    let response: unknown = text;
    try {
      response = JSON.parse(text);
    } catch {
      // a plain-text answer is usable as {{response}}
    }
    const full = { ...scope, response };
    return {
      ok: true,
      request: { method, url: url.replace(secret || '\u0000', '***') },
      status: res.status,
      answer: {
        text: render(definition.answer.text, full),
        buttons: (definition.answer.buttons ?? []).map((b) => ({
          label: render(b.label, full),
          ...(b.reply ? { reply: render(b.reply, full) } : {}),
          ...(b.url ? { url: render(b.url, full) } : {}),
        })),
      },
      error: null,
    };
  } catch (e) {
    const err = e as Error;
    return fail(err.name === 'TimeoutError' ? 'timeout' : err.message);
  }
}

function renderDeep(value: unknown, scope: Record<string, unknown>): unknown {
  if (typeof value === 'string') return render(value, scope);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, scope));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, scope)]));
  return value;
}

/** The trainer's test run: the same call the bot would make, with slot values typed in the admin. */
export async function testFlow(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  slots: Record<string, string>,
) {
  const row = await getFlow(kernel, ctx, id);
  return runFlow(kernel, row.definition as FlowDefinition, slots, row.secret);
}
