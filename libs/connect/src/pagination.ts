import type { SelectQueryBuilder } from 'typeorm';
import { DomainError } from '@app/common';

export interface Page<T> {
  data: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ createdAt: row.createdAt.toISOString(), id: row.id })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.createdAt !== 'string' || Number.isNaN(Date.parse(parsed.createdAt)) || !/^[0-9a-f-]{36}$/.test(parsed.id)) {
      throw new Error('bad cursor');
    }
    return parsed;
  } catch {
    throw DomainError.invalidField('cursor', 'invalid_cursor', 'cursor is not valid: pass the nextCursor of a previous page');
  }
}

/** Keyset pagination, newest first, over (created_at, id). */
export async function paginate<E extends { createdAt: Date; id: string }, V>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  query: { limit?: number; cursor?: string },
  map: (row: E) => V,
): Promise<Page<V>> {
  const limit = query.limit ?? 50;
  qb.orderBy(`${alias}.created_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').take(limit + 1);
  const cursor = decodeCursor(query.cursor);
  if (cursor) qb.andWhere(`(${alias}.created_at, ${alias}.id) < (:cAt, :cId)`, { cAt: cursor.createdAt, cId: cursor.id });
  const rows = await qb.getMany();
  const page = rows.slice(0, limit);
  return { data: page.map(map), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
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
