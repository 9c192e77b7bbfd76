import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';

import { ReportingErrorFilter } from './reporting-error.filter';

// The portal API's domain-error mapping. Per-client rate limits are the platform's, before any work (ADR 0009).
@Module({
  providers: [{ provide: APP_FILTER, useClass: ReportingErrorFilter }],
})
export class HttpModule {}
