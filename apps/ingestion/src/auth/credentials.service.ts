import { Inject, Injectable } from '@nestjs/common';

import { ApiError, APP_CONFIG, APP_LOGGER, AppLogger, RateLimiter, resolveAdminToken } from '@dx/platform';

import { AgenciesRepository } from '../agencies/agencies.repository';
import { Agency } from '../agencies/agency.type';
import { IngestionConfig } from '../config/ingestion.config';
import { bearerToken, hashApiKey, secretsEqual } from './api-key.util';

export type Principal = { kind: 'admin' } | { kind: 'agency'; agency: Agency; keyId: string };

/**
 * Who is calling: the administrator, an agency (by one of its live keys), or nobody. A client address whose
 * credentials keep failing is refused (429) before its next guess costs a hash and a query.
 */
@Injectable()
export class CredentialsService {
  private readonly adminToken: string;
  private readonly failures: RateLimiter;

  constructor(
    private readonly agencies: AgenciesRepository,
    @Inject(APP_CONFIG) config: IngestionConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    this.adminToken = resolveAdminToken(config, logger);
    const perMinute = config.INGESTION_AUTH_FAILURES_PER_MINUTE;
    this.failures = new RateLimiter(perMinute, Math.max(5, Math.ceil(perMinute / 10)));
  }

  /** The caller, or undefined (401); a 429 `rate_limited` while `client` is over its failed attempts. */
  async authenticate(authorization: string | undefined, client: string): Promise<Principal | undefined> {
    const wait = this.failures.peek(client);
    if (wait !== undefined) throw ApiError.rateLimited(wait);
    const principal = await this.identify(authorization);
    if (!principal) this.failures.take(client);
    return principal;
  }

  private async identify(authorization: string | undefined): Promise<Principal | undefined> {
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
