import type { App } from './http.js';
import type { Database } from './db.js';
import { AppError } from './errors.js';
import { sha256 } from './crypto.js';

const HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` on create requests: the first request with a key is processed and its response
 * stored; a retry with the same key and body gets the stored response (header `idempotent-replayed`),
 * the same key with a different body is refused, and a retry while the first is still running gets 409.
 */
export function registerIdempotency(app: App, db: Database) {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent || request.method !== 'POST') return;
    const raw = request.headers[HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new AppError(400, 'validation_failed', 'Idempotency-Key: 1–200 visible ASCII characters', [
        { field: 'Idempotency-Key', message: 'invalid' },
      ]);
    }
    const p = request.principal!;
    const principal = p.tokenId ? `token:${p.tokenId}` : `user:${p.userId}`;
    const hash = sha256(
      `${request.method} ${request.routeOptions.url} ${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null)}`,
    );
    const existing = await db.tenantTx(p.tenantId, async (sql) => {
      const inserted = await sql.query(
        `INSERT INTO idempotency_keys (tenant_id, principal, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING key`,
        [p.tenantId, principal, key, request.method, request.routeOptions.url, hash],
      );
      if (inserted.length > 0) return null;
      const [row] = await sql.query(
        'SELECT * FROM idempotency_keys WHERE tenant_id = $1 AND principal = $2 AND key = $3',
        [p.tenantId, principal, key],
      );
      return row;
    });
    if (!existing) {
      (request as any).idempotency = { tenantId: p.tenantId, principal, key };
      return;
    }
    if (existing.request_hash !== hash) {
      throw new AppError(
        422,
        'idempotency_key_reused',
        'this Idempotency-Key was used for a different request',
      );
    }
    if (existing.status_code === null)
      throw new AppError(409, 'idempotency_in_progress', 'the first request with this key is still running');
    reply.header('idempotent-replayed', 'true');
    return reply.code(existing.status_code).type('application/json').send(JSON.stringify(existing.response));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = (request as any).idempotency as
      { tenantId: string; principal: string; key: string } | undefined;
    if (!pending) return payload;
    (request as any).idempotency = undefined;
    await db.tenantTx(pending.tenantId, async (sql) => {
      if (reply.statusCode >= 500) {
        // a server failure must not be replayed: free the key so the client can retry
        await sql.query('DELETE FROM idempotency_keys WHERE tenant_id = $1 AND principal = $2 AND key = $3', [
          pending.tenantId,
          pending.principal,
          pending.key,
        ]);
        return;
      }
      let body: unknown;
      try {
        body = typeof payload === 'string' && payload ? JSON.parse(payload) : null;
      } catch {
        body = null;
      }
      await sql.query(
        'UPDATE idempotency_keys SET status_code = $4, response = $5 WHERE tenant_id = $1 AND principal = $2 AND key = $3',
        [pending.tenantId, pending.principal, pending.key, reply.statusCode, JSON.stringify(body)],
      );
    });
    return payload;
  });
}
