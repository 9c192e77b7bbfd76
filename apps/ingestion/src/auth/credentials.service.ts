import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG, resolveAdminToken } from '@dx/platform';

import { AgenciesRepository } from '../agencies/agencies.repository';
import { Agency } from '../agencies/agency.type';
import { IngestionConfig } from '../config/ingestion.config';
import { bearerToken, hashApiKey, secretsEqual } from './api-key.util';

export type Principal = { kind: 'admin' } | { kind: 'agency'; agency: Agency; keyId: string };

/** Who is calling: the administrator, an agency (by one of its live keys), or nobody. */
@Injectable()
export class CredentialsService {
  private readonly adminToken: string;

  constructor(
    private readonly agencies: AgenciesRepository,
    @Inject(APP_CONFIG) config: IngestionConfig,
  ) {
    this.adminToken = resolveAdminToken(config);
  }

  async authenticate(authorization: string | undefined): Promise<Principal | undefined> {
    const token = bearerToken(authorization);
    if (!token) return undefined;
    if (secretsEqual(token, this.adminToken)) return { kind: 'admin' };
    const hash = hashApiKey(token);
    const found = await this.agencies.findByKeyHash(hash);
    // The lookup is by hash already; the constant-time comparison keeps it so if the lookup ever changes.
    if (!found || !secretsEqual(found.keyHash, hash)) return undefined;
    return { kind: 'agency', agency: found.agency, keyId: found.keyId };
  }
}
