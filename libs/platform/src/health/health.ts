import { Controller, Get, HttpCode, Inject, Injectable, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { APP_LOGGER } from '../bootstrap/service-context';
import { ApiError } from '../http/api-error';
import { AppLogger } from '../logging/logger';

/** Something a service needs to do its work; readiness fails while any check fails. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Runs the readiness checks. The unauthenticated answer names the dependency that is down, never its error
 * (addresses, user names, server messages); the error goes to the log when a check changes state.
 */
@Injectable()
export class ReadinessService {
  private readonly lastError = new Map<string, string | undefined>();

  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async evaluate(): Promise<{ ready: boolean; checks: Record<string, 'up' | 'down'> }> {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        try {
          await withTimeout(c.check(), CHECK_TIMEOUT_MS);
          this.record(c.name, undefined);
          return [c.name, 'up'] as const;
        } catch (error) {
          this.record(c.name, error);
          return [c.name, 'down'] as const;
        }
      }),
    );
    return { ready: results.every(([, state]) => state === 'up'), checks: Object.fromEntries(results) };
  }

  private record(check: string, error: unknown): void {
    const message = error === undefined ? undefined : error instanceof Error ? error.message : String(error);
    const previous = this.lastError.get(check);
    this.lastError.set(check, message);
    if (message === previous) return;
    if (message === undefined) this.logger.info({ check }, 'dependency up');
    else this.logger.warn({ check, err: error }, 'dependency down');
  }
}

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<unknown> {
    const { ready, checks } = await this.readiness.evaluate();
    if (ready) return { status: 'ok', checks };
    const error = ApiError.unavailable(5);
    res.status(error.status);
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    return { error: { code: error.code, message: error.message, details: Object.entries(checks).map(([check, state]) => ({ check, state })) } };
  }
}
