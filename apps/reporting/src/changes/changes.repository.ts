import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';

import { ChangeItem, changeItemSchema, ChangeType, changeTypeSchema } from '@dx/contracts';
import { queryRows } from '@dx/platform';

const changeRow = z.object({ seq: z.string(), type: changeTypeSchema, payload: z.record(z.string(), z.unknown()) });

@Injectable()
export class ChangesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Items after `after` of the given types, in the order they changed. */
  async after(after: bigint, types: readonly ChangeType[], limit: number): Promise<ChangeItem[]> {
    const rows = await queryRows(
      this.dataSource,
      changeRow,
      `SELECT seq::text AS seq, type, payload FROM reporting.change
       WHERE seq > $1 AND type = ANY($2::text[]) ORDER BY seq LIMIT $3`,
      [after.toString(), types, limit],
    );
    return rows.map((row) => changeItemSchema.parse({ ...row.payload, type: row.type, cursor: row.seq }));
  }

  /** The newest cursor (0 when the feed is empty). */
  async latest(): Promise<bigint> {
    const [row] = await queryRows(this.dataSource, z.object({ seq: z.string() }), `SELECT coalesce(max(seq), 0)::text AS seq FROM reporting.change`);
    return BigInt(row.seq);
  }
}
