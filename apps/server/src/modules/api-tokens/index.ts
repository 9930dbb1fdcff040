import { Type } from 'typebox';
import { API_TOKEN_SCOPES } from '@kefu/shared';
import type { Kernel } from '../../kernel.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal, RequestContext } from '../../platform/principal.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { audit } from '../audit/index.js';

export const TOKEN_PREFIX = 'kefu_';

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export const ApiTokenCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  scopes: Type.Array(Type.Union(API_TOKEN_SCOPES.map((s) => Type.Literal(s))), {
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
  }),
  expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
});

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
function present(r: any) {
  return {
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    prefix: r.prefix,
    createdAt: iso(r.created_at)!,
    lastUsedAt: iso(r.last_used_at),
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
  };
}

/** The secret is returned once; only its SHA-256 is stored (tokens are long and random, so no slow hash is needed). */
export async function createApiToken(
  kernel: Kernel,
  ctx: RequestContext,
  input: { name: string; scopes: string[]; expiresAt?: string | null },
) {
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) {
    throw new AppError(400, 'validation_failed', 'expiresAt: must be in the future', [
      { field: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  const prefix = secret.slice(0, 12);
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql.query(
      `INSERT INTO api_tokens (tenant_id, name, scopes, prefix, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [ctx.tenantId, input.name, input.scopes, prefix, sha256(secret), ctx.userId, input.expiresAt ?? null],
    );
    await audit(
      tx.sql,
      ctx,
      'api_token.created',
      { type: 'api_token', id: row.id },
      { name: input.name, scopes: input.scopes },
    );
    tx.emit('api_token.created', { tokenId: row.id, name: row.name });
    return { token: present(row), secret };
  });
}

export async function listApiTokens(kernel: Kernel, tenantId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT * FROM api_tokens WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [tenantId, after?.at ?? null, after?.id ?? null, limit + 1],
    ),
  );
  return pageOf(rows, limit, present);
}

export async function revokeApiToken(kernel: Kernel, ctx: RequestContext, id: string) {
  await kernel.events.run(ctx.tenantId, async (tx) => {
    const [row] = await tx.sql.query(
      'UPDATE api_tokens SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
      [ctx.tenantId, id],
    );
    if (!row) throw notFound('api_token');
    await audit(tx.sql, ctx, 'api_token.revoked', { type: 'api_token', id });
    tx.emit('api_token.revoked', { tokenId: id });
  });
}

/** Bearer token → principal; revoked, expired or unknown tokens give null. */
export async function resolveApiToken(kernel: Kernel, secret: string): Promise<Principal | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const [row] = await kernel.db.system.query(
    `SELECT id, tenant_id, scopes, last_used_at FROM api_tokens
     WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [sha256(secret)],
  );
  if (!row) return null;
  // note use at most once a minute: keeps the hot path to one read
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await kernel.db.system.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.id]);
  }
  return {
    kind: 'token',
    tenantId: row.tenant_id,
    userId: null,
    role: null,
    scopes: row.scopes,
    tokenId: row.id,
  };
}
