/**
 * The company's synonyms (同义词) for the bot: groups of words meaning one thing. The bot's matcher reads
 * every word of a group as the group's first word (`Synonyms` of @kefu/nlp); a change retrains the bot
 * by the next message, like an FAQ edit (the fingerprint in knowledge.ts covers this table).
 */
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';

/** Enough for any real vocabulary; each group is a pattern the matcher applies to every message. */
export const MAX_SYNONYM_GROUPS = 1000;

export interface SynonymGroup {
  id: string;
  terms: string[];
  updatedAt: string;
}

const present = (r: any): SynonymGroup => ({
  id: r.id,
  terms: r.terms,
  updatedAt: new Date(r.updated_at).toISOString(),
});

// compared as the matcher compares them: full-width folded, case-insensitive, spaces collapsed
const key = (term: string) => term.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Trimmed terms, or a 400 naming the term at fault; a term may not be in another group. */
async function checked(sql: Sql, tenantId: string, raw: string[], self: string | null) {
  const terms = raw.map((t) => t.replace(/\s+/g, ' ').trim());
  const seen = new Map<string, number>();
  for (const [i, term] of terms.entries()) {
    if (!term) throw invalid(`terms.${i}`, 'empty');
    const k = key(term);
    if (seen.has(k)) throw invalid(`terms.${i}`, `「${term}」 is listed twice`);
    seen.set(k, i);
  }
  const others = await sql.query(
    'SELECT id, terms FROM bot_synonyms WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id <> $2)',
    [tenantId, self],
  );
  for (const other of others)
    for (const term of other.terms as string[]) {
      const i = seen.get(key(term));
      if (i !== undefined)
        throw new AppError(
          409,
          'synonym_conflict',
          `「${terms[i]}」 is already in the group of 「${other.terms[0]}」`,
          [
            {
              field: `terms.${i}`,
              message: `already in the group of 「${other.terms[0]}」`,
              groupId: other.id,
              term: terms[i],
              group: other.terms[0],
            },
          ],
        );
    }
  return { terms, count: others.length };
}

const invalid = (field: string, message: string) =>
  new AppError(400, 'validation_failed', `${field}: ${message}`, [{ field, message }]);

export async function listSynonyms(kernel: Kernel, ctx: RequestContext) {
  const rows = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query('SELECT * FROM bot_synonyms WHERE tenant_id = $1 ORDER BY created_at, id', [ctx.tenantId]),
  );
  return { items: rows.map(present) };
}

export async function createSynonymGroup(kernel: Kernel, ctx: RequestContext, input: { terms: string[] }) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const { terms, count } = await checked(tx.sql, ctx.tenantId, input.terms, null);
    if (count >= MAX_SYNONYM_GROUPS)
      throw new AppError(409, 'synonym_limit', `at most ${MAX_SYNONYM_GROUPS} synonym groups`);
    const [row] = await tx.sql.query(
      'INSERT INTO bot_synonyms (tenant_id, terms) VALUES ($1, $2) RETURNING *',
      [ctx.tenantId, terms],
    );
    return present(row);
  });
}

export async function updateSynonymGroup(
  kernel: Kernel,
  ctx: RequestContext,
  id: string,
  input: { terms: string[] },
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const [current] = await tx.sql.query('SELECT id FROM bot_synonyms WHERE tenant_id = $1 AND id = $2', [
      ctx.tenantId,
      id,
    ]);
    if (!current) throw notFound('synonym_group');
    const { terms } = await checked(tx.sql, ctx.tenantId, input.terms, id);
    const [row] = await tx.sql.query(
      'UPDATE bot_synonyms SET terms = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING *',
      [ctx.tenantId, id, terms],
    );
    return present(row);
  });
}

export async function deleteSynonymGroup(kernel: Kernel, ctx: RequestContext, id: string) {
  const deleted = await kernel.db.tenantTx(ctx.tenantId, (sql) =>
    sql.query('DELETE FROM bot_synonyms WHERE tenant_id = $1 AND id = $2 RETURNING id', [ctx.tenantId, id]),
  );
  if (deleted.length === 0) throw notFound('synonym_group');
}

/** The groups as the matcher takes them (inside the caller's transaction). */
export async function synonymGroups(sql: Sql, tenantId: string): Promise<string[][]> {
  const rows = await sql.query(
    'SELECT terms FROM bot_synonyms WHERE tenant_id = $1 ORDER BY created_at, id',
    [tenantId],
  );
  return rows.map((r) => r.terms as string[]);
}
