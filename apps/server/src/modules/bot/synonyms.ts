/**
 * The company's synonyms (同义词) for the bot: groups of words meaning one thing. The bot's matcher reads
 * every word of a group as the group's first word (`Synonyms` of @kefu/nlp); a change retrains the bot
 * by the next message, like an FAQ edit (the fingerprint in knowledge.ts covers this table).
 */
import { normalize } from '@kefu/nlp';
import type { Kernel } from '../../kernel.js';
import type { Sql } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { RequestContext } from '../../platform/principal.js';

/** Enough for any real vocabulary (20,000 words; reading a message through them all takes microseconds). */
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

const clean = (term: string) => term.replace(/\s+/g, ' ').trim();

/** Which group each word is in, by the word as the matcher reads it (`normalize`: width and case folded). */
type Owners = Map<string, { id: string | null; first: string }>;
function claim(owners: Owners, terms: string[], id: string | null) {
  for (const term of terms)
    if (!owners.has(normalize(term))) owners.set(normalize(term), { id, first: terms[0] });
}
function ownersOf(rows: { id: string; terms: string[] }[]): Owners {
  const owners: Owners = new Map();
  for (const r of rows) claim(owners, r.terms, r.id);
  return owners;
}

type WordProblem =
  | { i: number; term: string; reason: 'twice' }
  | { i: number; term: string; reason: 'taken'; owner: { id: string | null; first: string } };

/** The words of one group that it lists twice or that are already in another group, in order. */
function wordProblems(terms: string[], owners: Owners): WordProblem[] {
  const mine = new Set<string>();
  return terms.flatMap((term, i): WordProblem[] => {
    const k = normalize(term);
    const twice = mine.has(k);
    mine.add(k);
    const owner = owners.get(k);
    if (twice) return [{ i, term, reason: 'twice' }];
    return owner ? [{ i, term, reason: 'taken', owner }] : [];
  });
}

/** Trimmed terms, or a 400 naming the term at fault; a term may not be in another group (409). */
async function checked(sql: Sql, tenantId: string, raw: string[], self: string | null) {
  const terms = raw.map(clean);
  terms.forEach((term, i) => {
    if (!term) throw invalid(`terms.${i}`, 'empty');
  });
  const others = await sql.query(
    'SELECT id, terms FROM bot_synonyms WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id <> $2)',
    [tenantId, self],
  );
  const problems = wordProblems(terms, ownersOf(others as { id: string; terms: string[] }[]));
  const twice = problems.find((p) => p.reason === 'twice');
  if (twice) throw invalid(`terms.${twice.i}`, `「${twice.term}」 is listed twice`);
  const taken = problems[0];
  if (taken?.reason === 'taken') {
    const { i, term, owner } = taken;
    throw new AppError(409, 'synonym_conflict', `「${term}」 is already in the group of 「${owner.first}」`, [
      {
        field: `terms.${i}`,
        message: `already in the group of 「${owner.first}」`,
        groupId: owner.id,
        term,
        group: owner.first,
      },
    ]);
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

/**
 * Many groups at once (a list kept elsewhere, or moved from another product): `add` puts them beside the
 * current ones, `replace` puts them instead of all current ones. All or nothing: any problem — a group of
 * fewer than two words, a word twice, a word in two groups — is reported with its place (`groups.3.1` =
 * the fourth group's second word), up to 50 of them, and nothing is written.
 */
export async function importSynonyms(
  kernel: Kernel,
  ctx: RequestContext,
  input: { groups: string[][]; mode: 'add' | 'replace' },
) {
  return kernel.events.run(ctx.tenantId, async (tx) => {
    const current =
      input.mode === 'add'
        ? await tx.sql.query('SELECT id, terms FROM bot_synonyms WHERE tenant_id = $1', [ctx.tenantId])
        : [];
    const owners = ownersOf(current as { id: string; terms: string[] }[]);
    // `reason` (too_few | twice | taken | too_many), `term` and `group` let a client say it in its own language
    const problems: { field: string; message: string; reason: string; term?: string; group?: string }[] = [];
    const groups = input.groups.map((raw, g) => {
      const terms = raw.map(clean).filter(Boolean);
      if (terms.length < 2)
        problems.push({ field: `groups.${g}`, message: 'needs at least two words', reason: 'too_few' });
      for (const p of wordProblems(terms, owners)) {
        const field = `groups.${g}.${p.i}`;
        const { term, reason } = p;
        if (p.reason === 'twice')
          problems.push({ field, message: `「${term}」 is listed twice`, reason, term });
        else {
          const message = `「${term}」 is already in the group of 「${p.owner.first}」`;
          problems.push({ field, message, reason, term, group: p.owner.first });
        }
      }
      claim(owners, terms, null);
      return terms;
    });
    if (current.length + groups.length > MAX_SYNONYM_GROUPS)
      problems.push({
        field: 'groups',
        message: `at most ${MAX_SYNONYM_GROUPS} synonym groups in all`,
        reason: 'too_many',
      });
    if (problems.length)
      throw new AppError(
        400,
        'validation_failed',
        `${problems.length} problem(s), nothing imported: ${problems[0].field}: ${problems[0].message}`,
        problems.slice(0, 50),
      );
    const deleted =
      input.mode === 'replace'
        ? (await tx.sql.query('DELETE FROM bot_synonyms WHERE tenant_id = $1 RETURNING id', [ctx.tenantId]))
            .length
        : 0;
    await insertSynonymGroups(tx.sql, ctx.tenantId, groups);
    return { created: groups.length, deleted };
  });
}

/** Checked groups in one statement, a microsecond apart so that the list keeps their order. */
export async function insertSynonymGroups(sql: Sql, tenantId: string, groups: string[][]) {
  await sql.query(
    `INSERT INTO bot_synonyms (tenant_id, terms, created_at)
     SELECT $1, ARRAY(SELECT jsonb_array_elements_text(g.value)), kefu_now() + g.n * interval '1 microsecond'
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS g(value, n)`,
    [tenantId, JSON.stringify(groups)],
  );
}

/** The groups as the matcher takes them (inside the caller's transaction). */
export async function synonymGroups(sql: Sql, tenantId: string): Promise<string[][]> {
  const rows = await sql.query(
    'SELECT terms FROM bot_synonyms WHERE tenant_id = $1 ORDER BY created_at, id',
    [tenantId],
  );
  return rows.map((r) => r.terms as string[]);
}
