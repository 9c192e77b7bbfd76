import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { IndicatorStatusChangedV1, ReportOverdueV1 } from '@dx/contracts';

import { ChangeLogService } from '../changes/change-log.service';
import { ProcessedEventsService } from '../processed-events/processed-events.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { toOverdueReportView } from './overdue-report.mapper';
import { OverdueReportsRepository } from './overdue-reports.repository';

export interface StatusEvent {
  eventId: string;
  data: IndicatorStatusChangedV1 | ReportOverdueV1;
}

function isOverdueEvent(data: StatusEvent['data']): data is ReportOverdueV1 {
  return data.kind === 'overdue' || data.kind === 'overdue_cleared';
}

/**
 * One batch of dx.indicator-status.v1, exactly once in effect. Overdue reports are raised and cleared
 * here. Slips and recoveries need nothing: the values carry their status, and alerts come from
 * notification on dx.alerts.v1.
 */
@Injectable()
export class ApplyStatusEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly processed: ProcessedEventsService,
    private readonly overdue: OverdueReportsRepository,
    private readonly changeLog: ChangeLogService,
    private readonly reference: ReferenceDataService,
  ) {}

  async execute(events: readonly StatusEvent[]): Promise<{ raised: number; cleared: number }> {
    if (events.length === 0) return { raised: 0, cleared: 0 };
    return this.dataSource.transaction((manager) => this.apply(manager, events, new Date()));
  }

  async apply(manager: EntityManager, events: readonly StatusEvent[], now: Date): Promise<{ raised: number; cleared: number }> {
    const fresh = await this.processed.claim(
      manager,
      events.map((e) => e.eventId),
    );
    let raised = 0;
    let cleared = 0;
    // In order, one event at a time: an overdue report cleared and raised again in one batch ends raised.
    for (const { eventId, data } of events) {
      if (!fresh.delete(eventId) || !isOverdueEvent(data)) continue;
      const view = toOverdueReportView(
        data,
        (e) => this.reference.versionOf(e),
        this.reference.catalogue,
        (v, c) => this.reference.unit(v, c)?.name,
      );
      if (data.kind === 'overdue') {
        const changed = await this.overdue.raise(manager, [view]);
        raised += changed.length;
        await this.changeLog.append(
          manager,
          changed.map((r) => ({ type: 'overdue_report' as const, payload: { ...r, cleared: false } })),
          now,
        );
      } else {
        const changed = await this.overdue.clear(manager, [view]);
        cleared += changed.length;
        await this.changeLog.append(
          manager,
          changed.map((r) => ({ type: 'overdue_report' as const, payload: { ...r, detectedAt: data.detectedAt, cleared: true } })),
          now,
        );
      }
    }
    return { raised, cleared };
  }
}
