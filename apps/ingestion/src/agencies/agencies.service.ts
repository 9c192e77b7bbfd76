import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';

import { DomainError } from '@dx/contracts';
import { measurePatternMatches } from '@dx/domain';
import { NO_CONTROL_CHARACTERS } from '@dx/platform';

import { generateApiKey } from '../auth/api-key.util';
import { ReferenceDataService } from '../reference-data/reference-data.service';
import { AgenciesRepository } from './agencies.repository';
import { Agency } from './agency.type';

export const agencyCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lowercase letters, digits, dot, dash or underscore; 2–64 characters');

export const createAgencySchema = z.object({
  code: agencyCodeSchema,
  name: z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARACTERS, 'no control characters'),
  measures: z
    .array(z.string().regex(/^[a-z0-9_.*]{1,100}$/))
    .min(1)
    .max(100),
  units: z
    .array(z.string().regex(/^\d{2,5}$/))
    .min(1)
    .max(200),
});

export type CreateAgencyInput = z.infer<typeof createAgencySchema>;

@Injectable()
export class AgenciesService {
  constructor(
    private readonly agencies: AgenciesRepository,
    private readonly reference: ReferenceDataService,
    private readonly dataSource: DataSource,
  ) {}

  async create(input: CreateAgencyInput): Promise<Agency & { apiKey: string; keyId: string }> {
    const problems = [
      ...input.measures
        .filter((pattern) => !this.reference.catalogue.measures.some((m) => measurePatternMatches(pattern, m.code)))
        .map((pattern) => ({ path: 'measures', message: `"${pattern}" matches no measure of the catalogue` })),
      ...input.units.filter((unit) => !this.reference.unitExists(unit)).map((unit) => ({ path: 'units', message: `unknown unit ${unit}` })),
    ];
    if (problems.length > 0) throw DomainError.invalidRequest(problems);
    const key = { id: randomUUID(), ...generateApiKey() };
    // The agency and its first key commit together: no agency is ever left without a key.
    const agency = await this.dataSource.transaction(async (manager) => {
      const created = await this.agencies.create(manager, input);
      if (created) await this.agencies.addKey(manager, input.code, key);
      return created;
    });
    if (!agency) throw DomainError.conflict({ vi: `Cơ quan ${input.code} đã tồn tại`, en: `agency ${input.code} already exists` });
    return { ...agency, apiKey: key.apiKey, keyId: key.id };
  }

  async rotateKey(agencyCode: string): Promise<{ apiKey: string; keyId: string }> {
    const key = { id: randomUUID(), ...generateApiKey() };
    if (!(await this.agencies.addKey(this.dataSource.manager, agencyCode, key)))
      throw DomainError.notFound({ vi: `Không có cơ quan ${agencyCode}`, en: `no agency ${agencyCode}` });
    return { apiKey: key.apiKey, keyId: key.id };
  }

  async revokeKey(agencyCode: string, keyId: string): Promise<void> {
    if (!(await this.agencies.revokeKey(this.dataSource.manager, agencyCode, keyId))) {
      throw DomainError.notFound({ vi: 'Không có khoá này', en: 'no such key' });
    }
  }

  list() {
    return this.agencies.list();
  }
}
