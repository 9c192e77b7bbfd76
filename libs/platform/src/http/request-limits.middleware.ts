import type { NextFunction, Request, Response } from 'express';

import { ApiError } from './api-error';
import { sendApiError } from './api-error.filter';
import { RateLimiter } from './rate-limiter.util';

export interface RequestLimits {
  /** Requests per client address per minute, bursts up to a quarter of it. */
  perClientPerMinute: number;
  /** Requests being served at once; more are refused at once. */
  maxInFlight: number;
  /** Long-lived responses (server-sent events): held open for hours, so they get their own cap. */
  streams?: { paths: readonly string[]; max: number };
}

// Probes answer whatever the load, so that an orchestrator sees the truth (they are cheap and few).
const UNCAPPED_PATHS = new Set(['/health/live', '/health/ready']);

/**
 * The first middleware of every service, before any body is read or credential checked: a token bucket per
 * client address, and a cap on requests in flight. Both answer with the contract's error body and a
 * Retry-After (429 for the client over its rate, 503 while the service is saturated). Own code because
 * @nestjs/throttler runs as a guard, after the body parsers (docs/adr, request limits).
 */
export function requestLimits(limits: RequestLimits, now: () => number = Date.now) {
  const perClient = new RateLimiter(limits.perClientPerMinute, Math.max(10, Math.ceil(limits.perClientPerMinute / 4)), now);
  const streamPaths = new Set(limits.streams?.paths ?? []);
  // A stream counted with ordinary requests would take a slot for hours: 64 open dashboards would refuse everyone.
  const slots = { requests: new Slots(limits.maxInFlight), streams: new Slots(limits.streams?.max ?? 0) };
  return (req: Request, res: Response, next: NextFunction): void => {
    const wait = perClient.take(req.socket.remoteAddress ?? 'unknown');
    if (wait !== undefined) {
      res.setHeader('Connection', 'close');
      return sendApiError(res, ApiError.rateLimited(wait));
    }
    if (UNCAPPED_PATHS.has(req.path)) return next();
    const release = (streamPaths.has(req.path) ? slots.streams : slots.requests).take();
    if (!release) {
      res.setHeader('Connection', 'close');
      return sendApiError(res, ApiError.unavailable(1));
    }
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}

/** A counted resource: `take` gives a release function (idempotent), or nothing when all are taken. */
class Slots {
  private taken = 0;

  constructor(private readonly max: number) {}

  take(): (() => void) | undefined {
    if (this.taken >= this.max) return undefined;
    this.taken += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken -= 1;
    };
  }
}
