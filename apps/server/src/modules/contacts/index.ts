import { Type } from 'typebox';
import { searchTokens } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import type { TenantTx } from '../../platform/events.js';
import type { RequestContext } from '../../platform/principal.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const PageContext = Type.Object({
  url: Type.Optional(Type.String({ maxLength: 2000 })),
  title: Type.Optional(Type.String({ maxLength: 500 })),
  referrer: Type.Optional(Type.String({ maxLength: 2000 })),
  browser: Type.Optional(Type.String({ maxLength: 500 })),
  language: Type.Optional(Type.String({ maxLength: 50 })),
});
export const Attributes = Type.Record(
  Type.String({ maxLength: 100 }),
  Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean(), Type.Null()]),
  {
    maxProperties: 100,
  },
);
export const Contact = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  externalId: Nullable(Type.String()),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  pageContext: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  lastSeenAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const ContactPatch = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 100 })),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
  phone: Type.Optional(
    Type.Union([Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]{3,40}$' }), Type.Null()]),
  ),
  attributes: Type.Optional(Attributes),
});

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
export function presentContact(r: any) {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    externalId: r.external_id,
    attributes: r.attributes ?? {},
    pageContext: r.page_context ?? null,
    lastSeenAt: iso(r.last_seen_at),
    createdAt: iso(r.created_at)!,
  };
}
export type ContactView = ReturnType<typeof presentContact>;

/** Words for full-text search: jieba for Chinese, word tokens for the rest, in Postgres' 'simple' config. */
export const searchText = (...parts: (string | null | undefined)[]) =>
  searchTokens(parts.filter(Boolean).join(' ')).join(' ');
const contactSearch = (r: { name?: string | null; email?: string | null; phone?: string | null }) =>
  searchText(r.name, r.email, r.phone);

export async function insertContact(
  tx: TenantTx,
  input: {
    name?: string;
    email?: string | null;
    phone?: string | null;
    externalId?: string | null;
    pageContext?: unknown;
  },
) {
  const [row] = await tx.sql.query(
    `INSERT INTO contacts (tenant_id, name, email, phone, external_id, page_context, search, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, to_tsvector('simple', $7), now()) RETURNING *`,
    [
      tx.tenantId,
      input.name ?? '',
      input.email ?? null,
      input.phone ?? null,
      input.externalId ?? null,
      input.pageContext ? JSON.stringify(input.pageContext) : null,
      contactSearch(input),
    ],
  );
  tx.emit('contact.created', { contactId: row.id, name: row.name });
  return row;
}

export async function loadContact(sql: Sql, tenantId: string, id: string) {
  const [row] = await sql.query('SELECT * FROM contacts WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
  if (!row) throw notFound('contact');
  return row;
}

export async function getContact(kernel: Kernel, tenantId: string, id: string) {
  return presentContact(await kernel.db.tenantTx(tenantId, (sql) => loadContact(sql, tenantId, id)));
}

/** Writes profile fields and keeps the search vector in step; used by agents and by the widget. */
export async function patchContact(
  tx: TenantTx,
  id: string,
  patch: {
    name?: string;
    email?: string | null;
    phone?: string | null;
    attributes?: Record<string, unknown>;
    externalId?: string;
    pageContext?: unknown;
  },
) {
  const [row] = await tx.sql.query(
    `UPDATE contacts SET
       name = COALESCE($3, name),
       email = CASE WHEN $4::boolean THEN $5 ELSE email END,
       phone = CASE WHEN $6::boolean THEN $7 ELSE phone END,
       attributes = CASE WHEN $8::jsonb IS NULL THEN attributes ELSE attributes || $8::jsonb END,
       external_id = COALESCE($9, external_id),
       page_context = COALESCE($10::jsonb, page_context),
       updated_at = now()
     WHERE tenant_id = $1 AND id = $2 RETURNING *`,
    [
      tx.tenantId,
      id,
      patch.name ?? null,
      patch.email !== undefined,
      patch.email ?? null,
      patch.phone !== undefined,
      patch.phone ?? null,
      patch.attributes ? JSON.stringify(patch.attributes) : null,
      patch.externalId ?? null,
      patch.pageContext ? JSON.stringify(patch.pageContext) : null,
    ],
  );
  if (!row) throw notFound('contact');
  await tx.sql.query(`UPDATE contacts SET search = to_tsvector('simple', $2) WHERE id = $1`, [
    id,
    contactSearch(row),
  ]);
  const changes = Object.keys(patch).filter((k) => k !== 'pageContext');
  if (changes.length) tx.emit('contact.updated', { contactId: id, changes });
  return row;
}

export async function updateContact(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  patch: {
    name?: string;
    email?: string | null;
    phone?: string | null;
    attributes?: Record<string, unknown>;
  },
) {
  return kernel.events.run(ctx.tenantId, async (tx) => presentContact(await patchContact(tx, id, patch)));
}

/** Moves everything of `from` to `into` (conversations, visitors, notes) and marks `from` as merged. */
export async function mergeContacts(tx: TenantTx, fromId: string, intoId: string) {
  if (fromId === intoId) return;
  for (const table of ['conversations', 'visitors', 'contact_notes']) {
    await tx.sql.query(`UPDATE ${table} SET contact_id = $3 WHERE tenant_id = $1 AND contact_id = $2`, [
      tx.tenantId,
      fromId,
      intoId,
    ]);
  }
  await tx.sql.query(
    `UPDATE contacts SET merged_into = $3, external_id = NULL, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
    [tx.tenantId, fromId, intoId],
  );
  tx.emit('contact.merged', { contactId: intoId, mergedContactId: fromId });
}

export async function listContacts(
  kernel: Kernel,
  tenantId: string,
  limit: number,
  cursor?: string,
  q?: string,
) {
  const after = decodeCursor(cursor);
  const query = q?.trim() ? searchText(q) : '';
  const rows = await kernel.db.tenantTx(tenantId, (sql) =>
    sql.query(
      `SELECT * FROM contacts WHERE tenant_id = $1 AND merged_into IS NULL
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
         AND ($5 = '' OR search @@ plainto_tsquery('simple', $5) OR name ILIKE '%' || $6 || '%' OR email ILIKE '%' || $6 || '%' OR phone ILIKE '%' || $6 || '%')
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [
        tenantId,
        after?.at ?? null,
        after?.id ?? null,
        limit + 1,
        query,
        (q ?? '').trim().replace(/[%_\\]/g, (c) => `\\${c}`),
      ],
    ),
  );
  return pageOf(rows, limit, presentContact);
}

export const ContactNote = Type.Object({
  id: Type.String(),
  body: Type.String(),
  author: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
});

export async function listContactNotes(kernel: Kernel, tenantId: string, contactId: string) {
  return kernel.db.tenantTx(tenantId, async (sql) => {
    await loadContact(sql, tenantId, contactId);
    const rows = await sql.query(
      `SELECT n.*, u.name AS author_name FROM contact_notes n LEFT JOIN users u ON u.id = n.author_id
       WHERE n.tenant_id = $1 AND n.contact_id = $2 ORDER BY n.created_at DESC LIMIT 200`,
      [tenantId, contactId],
    );
    return rows.map((r: any) => ({
      id: r.id,
      body: r.body,
      author: r.author_id ? { id: r.author_id, name: r.author_name } : null,
      createdAt: iso(r.created_at)!,
    }));
  });
}

export async function addContactNote(kernel: Kernel, ctx: RequestContext, contactId: string, body: string) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    await loadContact(tx.sql, ctx.tenantId, contactId);
    const [row] = await tx.sql.query(
      'INSERT INTO contact_notes (tenant_id, contact_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING *',
      [ctx.tenantId, contactId, ctx.userId, body],
    );
    tx.emit('contact.updated', { contactId, changes: ['notes'] });
    return {
      id: row.id,
      body: row.body,
      author: ctx.userId ? { id: ctx.userId, name: '' } : null,
      createdAt: iso(row.created_at)!,
    };
  });
}
