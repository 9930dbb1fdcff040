import { Type, type Static } from 'typebox';
import { invalidField } from './errors.js';

export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type ListQuery = Static<typeof ListQuery>;

export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export interface Cursor {
  at: string;
  id: string;
}

/** Keyset cursors over (created_at, id): stable under inserts, opaque to clients. */
export function encodeCursor(row: { created_at: Date | string; id: string }): string {
  return Buffer.from(JSON.stringify({ at: new Date(row.created_at).toISOString(), id: row.id })).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof value?.at === 'string' &&
      !Number.isNaN(Date.parse(value.at)) &&
      typeof value?.id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value.id)
    ) {
      return value;
    }
  } catch {
    // fall through
  }
  throw invalidField('cursor', 'is not a cursor this API gave out');
}

export interface RankedCursor extends Cursor {
  /** the relevance of the last row, as the decimal text the query computed */
  rank: string;
}

/** Keyset cursors over (rank, created_at, id), for lists ordered by relevance (best first, then newest). */
export function encodeRankedCursor(row: { rank: string | number; created_at: Date | string; id: string }) {
  return Buffer.from(
    JSON.stringify({ rank: String(row.rank), at: new Date(row.created_at).toISOString(), id: row.id }),
  ).toString('base64url');
}

export function decodeRankedCursor(cursor: string | undefined): RankedCursor | null {
  const value = decodeCursor(cursor) as Partial<RankedCursor> | null;
  if (!value) return null;
  if (typeof value.rank === 'string' && /^-?\d{1,12}(\.\d{1,12})?$/.test(value.rank))
    return value as RankedCursor;
  throw invalidField('cursor', 'is not a cursor this API gave out');
}

/** Cuts one extra row off a `limit + 1` query and turns it into the next cursor. */
export function pageOf<R extends { created_at: Date | string; id: string }, T>(
  rows: R[],
  limit: number,
  present: (row: R) => T,
  cursorOf: (row: R) => string = encodeCursor,
) {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items: items.map(present), nextCursor: more ? cursorOf(items[items.length - 1]) : null };
}
