import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A sealed column: table and column names are constants of the code, never input. */
export interface SealedColumnRef {
  table: string;
  column: string;
}

interface SealedRow {
  id: string;
  customer_id: string;
  sealed: string;
}

/**
 * The re-sealing statements of key rotation. Not tenant-scoped on purpose: a key is rotated for every customer at
 * once, in keyset pages over each sealed column; every write still names the row's own customer.
 */
@Injectable()
export class SealedSecretsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The next `limit` rows after `afterId` whose value is not sealed under the active key (`activePrefix` LIKE pattern). */
  notSealedUnder(col: SealedColumnRef, activePrefix: string, afterId: string, limit: number): Promise<SealedRow[]> {
    return this.db.query(
      `SELECT id, customer_id, ${col.column} AS sealed FROM ${col.table}
        WHERE id > $1 AND ${col.column} IS NOT NULL AND ${col.column} NOT LIKE $2 ORDER BY id LIMIT ${limit}`,
      [afterId, activePrefix],
    );
  }

  /** Compare-and-swap on the old ciphertext: false when someone wrote the value meanwhile. */
  async swap(col: SealedColumnRef, row: SealedRow, resealed: string): Promise<boolean> {
    const [, affected] = await this.db.query(
      `UPDATE ${col.table} SET ${col.column} = $1 WHERE id = $2 AND customer_id = $3 AND ${col.column} = $4`,
      [resealed, row.id, row.customer_id, row.sealed],
    );
    return Boolean(affected);
  }

  /** How many values each key id seals, from the key id prefix of the sealed text. */
  async countByKey(cols: SealedColumnRef[]): Promise<Record<string, number>> {
    const union = cols.map((c) => `SELECT split_part(${c.column}, '.', 2) AS key_id FROM ${c.table} WHERE ${c.column} IS NOT NULL`).join(' UNION ALL ');
    const rows: { key_id: string; n: string }[] = await this.db.query(`SELECT key_id, count(*) AS n FROM (${union}) s GROUP BY key_id`);
    return Object.fromEntries(rows.map((r) => [r.key_id, Number(r.n)]));
  }
}
