import { INestApplication } from '@nestjs/common';
import compression from 'compression';
import type { Request, Response } from 'express';

import { ReportingConfig } from '../config/reporting.config';
import { CACHE_CONTROL } from './cache-control.constant';

// Server-sent events must reach the client as they are written; gzip would hold them in its buffer.
const UNCOMPRESSED_PATHS = new Set(['/v1/changes/stream']);

/** gzip, CORS and the OpenAPI page's caching for the portal API (applied before Nest's router). */
export function configureHttp(app: INestApplication, config: Pick<ReportingConfig, 'REPORTING_CORS_ORIGINS'>): void {
  app.use(
    compression({
      filter: (req: Request, res: Response) => !UNCOMPRESSED_PATHS.has(req.path) && compression.filter(req, res),
    }),
  );
  // The OpenAPI document and its page change only with a new release.
  app.use('/docs', (_req: Request, res: Response, next: () => void) => {
    res.setHeader('Cache-Control', CACHE_CONTROL.reference);
    next();
  });
  const allowed = new Set(config.REPORTING_CORS_ORIGINS);
  app.enableCors({
    origin: (origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) =>
      callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'OPTIONS'],
    allowedHeaders: ['If-None-Match', 'Last-Event-ID', 'Cache-Control', 'Accept'],
    exposedHeaders: ['ETag', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
  });
}
