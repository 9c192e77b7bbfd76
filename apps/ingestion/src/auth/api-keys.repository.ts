import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';

import { queryRows } from '@dx/platform';

import { ReportingAgency } from './principal.type';

const keyOwnerRow = z.object({ code: z.string(), measures: z.array(z.string()), units: z.array(z.string()), key_id: z.string(), key_hash: z.string() });

/** The live API keys, read to authenticate a caller; agencies issues and revokes them. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The agency owning a live key with this hash. */
  async findByKeyHash(keyHash: string): Promise<{ agency: ReportingAgency; keyId: string; keyHash: string } | undefined> {
    const rows = await queryRows(
      this.dataSource,
      keyOwnerRow,
      `SELECT a.code, a.measures, a.units, k.id AS key_id, k.key_hash FROM ingestion.api_key k JOIN ingestion.agency a ON a.code = k.agency_code
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
    const row = rows[0];
    return row ? { agency: { code: row.code, measures: row.measures, units: row.units }, keyId: row.key_id, keyHash: row.key_hash } : undefined;
  }
}
