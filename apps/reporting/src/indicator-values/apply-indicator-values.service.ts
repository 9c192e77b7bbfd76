import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { IndicatorComputedV1, IndicatorValueRecord, ProjectionView } from '@dx/contracts';
import { projectToNextMilestone } from '@dx/domain';

import { ChangeLogService } from '../changes/change-log.service';
import { ProcessedEventsService } from '../processed-events/processed-events.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { StoredIndicatorValue, toStoredIndicatorValue, valueKey } from './indicator-value.mapper';
import { IndicatorValuesRepository, SeriesKey, seriesKeyId } from './indicator-values.repository';

export interface ComputedValueEvent {
  eventId: string;
  data: IndicatorComputedV1;
}

/**
 * One batch of computed values, exactly once in effect: in ONE transaction the event ids are claimed,
 * the values stored (the latest computation wins), the projections of the series they belong to
 * recomputed, and the changes appended to the change feed. A re-delivery finds its ids claimed.
 */
@Injectable()
export class ApplyIndicatorValuesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly processed: ProcessedEventsService,
    private readonly values: IndicatorValuesRepository,
    private readonly changeLog: ChangeLogService,
    private readonly reference: ReferenceDataService,
  ) {}

  async execute(events: readonly ComputedValueEvent[]): Promise<{ applied: number }> {
    if (events.length === 0) return { applied: 0 };
    return this.dataSource.transaction((manager) => this.apply(manager, events, new Date()));
  }

  /** The same work inside a given transaction (the rebuild replays the topic through it). */
  async apply(manager: EntityManager, events: readonly ComputedValueEvent[], now: Date): Promise<{ applied: number }> {
    const fresh = await this.processed.claim(
      manager,
      events.map((e) => e.eventId),
    );
    const latest = new Map<string, StoredIndicatorValue>();
    for (const { eventId, data } of events) {
      if (!fresh.delete(eventId)) continue;
      const stored = toStoredIndicatorValue(data, (e) => this.reference.versionOf(e), now);
      const key = valueKey(stored.record);
      const current = latest.get(key);
      // Within a batch the later computation wins, as the upsert's guard decides across batches.
      if (!current || current.record.computedAt <= stored.record.computedAt) latest.set(key, stored);
    }
    const changed = await this.values.upsert(manager, [...latest.values()]);
    await this.updateProjections(manager, changed);
    await this.changeLog.append(
      manager,
      changed.map((record) => ({ type: 'indicator_value' as const, payload: record })),
      now,
    );
    return { applied: changed.length };
  }

  // A unit's projection follows its series at the indicator's own frequency.
  private async updateProjections(manager: EntityManager, changed: readonly IndicatorValueRecord[]): Promise<void> {
    const keys = new Map<string, SeriesKey>();
    for (const record of changed) {
      const indicator = this.reference.catalogue.indicator(record.indicator);
      if (!indicator) continue;
      keys.set(seriesKeyId(record.hierarchyVersion, record.indicator, record.unit), {
        hierarchyVersion: record.hierarchyVersion,
        indicator: record.indicator,
        unit: record.unit,
        frequency: indicator.frequency,
      });
    }
    const series = await this.values.seriesPoints(manager, [...keys.values()]);
    const projections = [...keys.entries()].map(([id, key]) => ({ key, projection: this.project(key, series.get(id) ?? []) }));
    await this.values.saveProjections(manager, projections);
  }

  private project(key: SeriesKey, points: ReadonlyArray<{ period: string; value: number | null }>): ProjectionView | undefined {
    const indicator = this.reference.catalogue.indicator(key.indicator);
    const unit = this.reference.unit(key.hierarchyVersion, key.unit);
    if (!indicator || !unit) return undefined;
    return projectToNextMilestone(indicator, unit, points);
  }
}
