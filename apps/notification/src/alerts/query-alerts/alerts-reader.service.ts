import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { Alert } from '@dx/domain';

import { AlertsRepository } from '../alerts.repository';

/** What other features may read of alerts (the weekly digest). */
@Injectable()
export class AlertsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsRepository,
  ) {}

  /** Open alerts and those resolved since `resolvedSince`. */
  openOrResolvedSince(resolvedSince: Date): Promise<Alert[]> {
    return this.alerts.openOrResolvedSince(this.dataSource.manager, resolvedSince);
  }
}
