import type { SelectQueryBuilder } from 'typeorm';
import { DomainError, isUuid } from '@app/common';

export interface Page<T> {
  data: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface Cursor {
  /** created_at as Postgres prints it: microseconds, which a JS Date would round to milliseconds and skip rows. */
  createdAt: string;
  id: string;
}

/** What created_at::text prints (and ISO 8601 from older cursors), with in-range fields only. */
const TIMESTAMPTZ = /^(\d{4}-\d{2}-\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-5])(:[0-5]\d)?)$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ createdAt: cursor.createdAt, id: cursor.id })).toString('base64url');
}

function isCursor(value: unknown): value is Cursor {
  if (typeof value !== 'object' || value === null || Object.keys(value).sort().join() !== 'createdAt,id') return false;
  const { createdAt, id } = value as Record<string, unknown>;
  if (!isUuid(id) || typeof createdAt !== 'string') return false;
  const day = TIMESTAMPTZ.exec(createdAt)?.[1];
  // A real calendar day: Postgres would refuse 2026-02-31 with an error, not a 400.
  const date = day === undefined ? NaN : Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(date) && new Date(date).toISOString().startsWith(day!);
}

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]+$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isCursor(parsed)) throw DomainError.invalidField('cursor', 'invalid_cursor', 'cursor is not valid: pass the nextCursor of a previous page');
  return parsed;
}

/** Keyset pagination, newest first, over (created_at, id), compared in SQL at the database's full precision. */
export async function paginate<E extends { createdAt: Date; id: string }, V>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  query: { limit?: number; cursor?: string },
  map: (row: E) => V,
): Promise<Page<V>> {
  const limit = query.limit ?? 50;
  qb.orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').take(limit + 1);
  const cursor = decodeCursor(query.cursor);
  if (cursor) qb.andWhere(`(${alias}.created_at, ${alias}.id) < (CAST(:cAt AS timestamptz), CAST(:cId AS uuid))`, { cAt: cursor.createdAt, cId: cursor.id });
  const rows = await qb.getMany();
  const page = rows.slice(0, limit);
  if (rows.length <= limit) return { data: page.map(map), nextCursor: null };
  const last = page[page.length - 1];
  // The entity's Date has lost the microseconds: read the cursor's timestamp as Postgres prints it.
  const table = qb.expressionMap.mainAlias!.metadata.tablePath;
  const [{ at }] = (await qb.connection.query(`SELECT created_at::text AS at FROM ${table} WHERE id = $1`, [last.id])) as { at: string }[];
  return { data: page.map(map), nextCursor: encodeCursor({ createdAt: at, id: last.id }) };
}

/**
 * Adds a case-insensitive substring search over some text columns (`%` and `_` in the search are literal).
 * Columns are SQL expressions of the query builder's alias, e.g. `a.end_user_id`.
 */
export function whereContains(qb: { andWhere(sql: string, params: Record<string, unknown>): unknown }, columns: string[], search: string | undefined): void {
  if (!search) return;
  const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  qb.andWhere(`(${columns.map((c) => `lower(coalesce(${c}, '')) LIKE :searchPattern`).join(' OR ')})`, { searchPattern: pattern });
}
