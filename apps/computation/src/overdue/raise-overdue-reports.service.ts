import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { OverdueEvent } from '@dx/domain';
import { APP_CONFIG, OutboxWriter } from '@dx/platform';

import { ComputationConfig } from '../config/computation.config';
import { ReferenceDataService } from '../reference/reference-data.service';
import { missingReports, overdueCandidates } from './overdue-candidates.util';
import { OverdueReports } from './overdue-reports.port';
import { toReportOverdue } from './overdue-event.util';

/** Announces, once each, the reports whose due day has passed at `now` without an observation. */
@Injectable()
export class RaiseOverdueReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: OverdueReports,
    private readonly reference: ReferenceDataService,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: Pick<ComputationConfig, 'COMPUTATION_OVERDUE_LOOKBACK_MONTHS'>,
  ) {}

  /** Returns the overdue events written to the outbox. */
  async execute(now: Date): Promise<OverdueEvent[]> {
    return this.dataSource.transaction(async (manager) => {
      const raised = await raiseOverdue(manager, this.reports, this.reference, now, this.config.COMPUTATION_OVERDUE_LOOKBACK_MONTHS);
      await this.outbox.enqueue(
        manager,
        raised.map((e) => toReportOverdue(e, new Date())),
      );
      return raised;
    });
  }
}

/** Records the overdue reports at `now` not recorded before, inside `manager`'s transaction; returns them. */
export async function raiseOverdue(
  manager: EntityManager,
  reports: OverdueReports,
  reference: ReferenceDataService,
  now: Date,
  lookbackMonths: number,
): Promise<OverdueEvent[]> {
  await reports.lockExclusive(manager);
  const candidates = overdueCandidates(reference.catalogue, now, lookbackMonths);
  const reported = await reports.reported(manager, candidates);
  const missing = missingReports(reference.catalogue, reference.hierarchies, candidates, reported, now);
  return reports.raise(manager, missing, new Date());
}
