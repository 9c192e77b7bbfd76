import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';

import { ApiError } from '@dx/platform';

import { IngestionConfig } from '../config/ingestion.config';
import { Principal } from './principal.type';

const MINUTE_MS = 60_000;

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<Request & { principal?: Principal }>();

/**
 * Per-caller limits of ingestion's API, in a sliding minute per agency (submissions, reads) and for the
 * admin token. Counted after authentication, by who calls rather than where from: the per-address limit
 * of the platform comes first and bounds the unauthenticated.
 */
export function principalThrottlers(config: IngestionConfig): ThrottlerModuleOptions {
  const applies = (kind: Principal['kind'], method?: string) => (context: ExecutionContext) => {
    const request = requestOf(context);
    return request.principal?.kind !== kind || (method !== undefined && request.method !== method);
  };
  return {
    // Our own Retry-After and error body (the contract's), not the library's headers.
    setHeaders: false,
    getTracker: (request) => {
      const principal = (request as { principal?: Principal }).principal;
      return principal?.kind === 'agency' ? `agency:${principal.agency.code}` : 'admin';
    },
    // One count per caller and class of request, across endpoints (JSON and CSV submissions share theirs).
    generateKey: (_context, tracker, throttler) => `${throttler}:${tracker}`,
    throttlers: [
      { name: 'submissions', ttl: MINUTE_MS, limit: config.INGESTION_RATE_LIMIT_PER_MINUTE, blockDuration: 0, skipIf: applies('agency', 'POST') },
      { name: 'reads', ttl: MINUTE_MS, limit: config.INGESTION_READ_RATE_LIMIT_PER_MINUTE, blockDuration: 0, skipIf: applies('agency', 'GET') },
      { name: 'admin', ttl: MINUTE_MS, limit: config.INGESTION_ADMIN_RATE_LIMIT_PER_MINUTE, blockDuration: 0, skipIf: applies('admin') },
    ],
  };
}

/** @nestjs/throttler after AgencyGuard or AdminGuard; over the limit, 429 `rate_limited` with Retry-After. */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw ApiError.rateLimited(Math.max(1, detail.timeToBlockExpire));
  }
}
