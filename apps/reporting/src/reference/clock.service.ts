import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG } from '@dx/platform';

import { ReportingConfig } from '../config/reporting.config';

/** The business "now": today's hierarchy version, how late an overdue report is. */
@Injectable()
export class ClockService {
  private readonly fixed?: Date;

  constructor(@Inject(APP_CONFIG) config: Pick<ReportingConfig, 'DX_CLOCK_NOW'>) {
    // The config schema refuses DX_CLOCK_NOW in production.
    this.fixed = config.DX_CLOCK_NOW ? new Date(config.DX_CLOCK_NOW) : undefined;
  }

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }
}
