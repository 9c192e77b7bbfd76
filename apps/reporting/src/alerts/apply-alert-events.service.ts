import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { AlertV1, AlertView } from '@dx/contracts';

import { ChangeLogService } from '../changes/change-log.service';
import { ProcessedEventsService } from '../processed-events/processed-events.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { toAlertView } from './alert.mapper';
import { AlertsRepository } from './alerts.repository';

export interface AlertEvent {
  eventId: string;
  time: string;
  data: AlertV1;
}

/** One batch of alert lifecycle events, exactly once in effect (ids claimed in the same transaction). */
@Injectable()
export class ApplyAlertEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly processed: ProcessedEventsService,
    private readonly alerts: AlertsRepository,
    private readonly changeLog: ChangeLogService,
    private readonly reference: ReferenceDataService,
  ) {}

  async execute(events: readonly AlertEvent[]): Promise<{ applied: number }> {
    if (events.length === 0) return { applied: 0 };
    return this.dataSource.transaction((manager) => this.apply(manager, events, new Date()));
  }

  async apply(manager: EntityManager, events: readonly AlertEvent[], now: Date): Promise<{ applied: number }> {
    const fresh = await this.processed.claim(
      manager,
      events.map((e) => e.eventId),
    );
    const latest = new Map<string, { view: AlertView; eventTime: string }>();
    for (const { eventId, time, data } of events) {
      if (!fresh.delete(eventId)) continue;
      const current = latest.get(data.id);
      if (current && Date.parse(current.eventTime) > Date.parse(time)) continue;
      latest.set(data.id, { view: toAlertView(data, (e) => this.reference.versionOf(e), now), eventTime: time });
    }
    const changed = await this.alerts.upsert(manager, [...latest.values()]);
    await this.changeLog.append(
      manager,
      changed.map((view) => ({ type: 'alert' as const, payload: view })),
      now,
    );
    return { applied: changed.length };
  }
}
