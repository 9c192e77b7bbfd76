import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

import { queryRows } from '@dx/platform';

import { Agency, ApiKeySummary } from './agency.type';

const agencyRow = z.object({ code: z.string(), name: z.string(), measures: z.array(z.string()), units: z.array(z.string()), created_at: z.date() });
type AgencyRow = z.infer<typeof agencyRow>;
const apiKeySummary: z.ZodType<ApiKeySummary> = z.object({ id: z.string(), keyPrefix: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });
const listedRow = agencyRow.extend({ keys: z.array(apiKeySummary) });
const foundRow = agencyRow.extend({ has_live_key: z.boolean() });
const keyIdRow = z.object({ id: z.string() });

const toAgency = (row: AgencyRow): Agency => ({
  code: row.code,
  name: row.name,
  measures: row.measures,
  units: row.units,
  createdAt: row.created_at.toISOString(),
});

@Injectable()
export class AgenciesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the agency, without a key; undefined when the code is taken. */
  async create(manager: EntityManager, agency: Omit<Agency, 'createdAt'>): Promise<Agency | undefined> {
    const rows = await queryRows(
      manager,
      agencyRow,
      `INSERT INTO ingestion.agency (code, name, measures, units) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING *`,
      [agency.code, agency.name, agency.measures, agency.units],
    );
    return rows[0] ? toAgency(rows[0]) : undefined;
  }

  async list(): Promise<Array<Agency & { keys: ApiKeySummary[] }>> {
    const rows = await queryRows(
      this.dataSource,
      listedRow,
      `SELECT a.*, coalesce(json_agg(json_build_object('id', k.id, 'keyPrefix', k.key_prefix, 'createdAt', k.created_at, 'revokedAt', k.revoked_at)
                ORDER BY k.created_at) FILTER (WHERE k.id IS NOT NULL), '[]') AS keys
       FROM ingestion.agency a LEFT JOIN ingestion.api_key k ON k.agency_code = a.code
       GROUP BY a.code ORDER BY a.code`,
    );
    return rows.map((row) => ({ ...toAgency(row), keys: row.keys }));
  }

  /** Gives the agency a key; false when there is no such agency (in `manager`'s view). */
  async addKey(manager: EntityManager, agencyCode: string, key: { id: string; keyHash: string; keyPrefix: string }): Promise<boolean> {
    const rows = await queryRows(
      manager,
      keyIdRow,
      `INSERT INTO ingestion.api_key (id, agency_code, key_hash, key_prefix)
       SELECT $1, code, $3, $4 FROM ingestion.agency WHERE code = $2 RETURNING id`,
      [key.id, agencyCode, key.keyHash, key.keyPrefix],
    );
    return rows.length > 0;
  }

  async revokeKey(manager: EntityManager, agencyCode: string, keyId: string): Promise<boolean> {
    const rows = await queryRows(
      manager,
      keyIdRow,
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
      `WITH revoked AS (
         UPDATE ingestion.api_key SET revoked_at = coalesce(revoked_at, now()) WHERE agency_code = $1 AND id = $2 RETURNING id)
       SELECT id FROM revoked`,
      [agencyCode, keyId],
    );
    return rows.length > 0;
  }

  /** The agency and whether it holds a live (unrevoked) key; revoking its last key stops its Kafka intake too. */
  async findByCode(code: string): Promise<{ agency: Agency; hasLiveKey: boolean } | undefined> {
    const rows = await queryRows(
      this.dataSource,
      foundRow,
      `SELECT a.*, EXISTS (SELECT 1 FROM ingestion.api_key k WHERE k.agency_code = a.code AND k.revoked_at IS NULL) AS has_live_key
       FROM ingestion.agency a WHERE a.code = $1`,
      [code],
    );
    return rows[0] ? { agency: toAgency(rows[0]), hasLiveKey: rows[0].has_live_key } : undefined;
  }
}
