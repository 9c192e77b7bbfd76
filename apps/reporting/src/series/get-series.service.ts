import { Injectable } from '@nestjs/common';

import { IndicatorValueRecord, SeriesPointView, SeriesResponse } from '@dx/contracts';
import { endMonth, Frequency, FREQUENCIES } from '@dx/domain';

import { ReadModelCacheService } from '../changes/read-model-cache.service';
import { IndicatorValuesReaderService } from '../indicator-values/indicator-values-reader.service';
import { ClockService } from '../reference/clock.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { ReportingError } from '../shared/reporting-error.exception';
import { targetsToDraw, trajectory } from './trajectory.util';

export interface SeriesQuery {
  code: string;
  unit: string;
  from?: string;
  to?: string;
  frequency?: Frequency;
  version?: string;
}

/**
 * A unit's values of one indicator over time, with the trajectory and the targets a chart draws and the
 * projection. Values are those of the unit in one hierarchy version: before the version took effect the
 * code meant other places (the comparable series across the 2025 reorganisation comes with issue 10).
 */
@Injectable()
export class GetSeriesService {
  constructor(
    private readonly reference: ReferenceDataService,
    private readonly values: IndicatorValuesReaderService,
    private readonly clock: ClockService,
    private readonly cache: ReadModelCacheService,
  ) {}

  /** The answer is shared by concurrent callers until the read model changes: never mutate it. */
  execute(query: SeriesQuery): Promise<SeriesResponse> {
    const key = ['series', query.code, query.unit, query.from, query.to, query.frequency, query.version].map((part) => part ?? '').join('|');
    return this.cache.get(key, () => this.compute(query));
  }

  private async compute(query: SeriesQuery): Promise<SeriesResponse> {
    const indicator = this.reference.catalogue.indicator(query.code);
    if (!indicator) throw ReportingError.unknownIndicator(query.code);
    const hierarchy = query.version
      ? this.reference.hierarchies.version(query.version)
      : query.to
        ? this.reference.hierarchies.inForce(query.to)
        : this.reference.versionAt(this.clock.now());
    if (!hierarchy) throw ReportingError.unknownVersion(query.version ?? '');
    const unit = hierarchy.get(query.unit);
    if (!unit) throw ReportingError.unknownUnit(query.unit, hierarchy.id);
    const frequency = query.frequency ?? indicator.frequency;
    if (FREQUENCIES.indexOf(frequency) < FREQUENCIES.indexOf(indicator.frequency)) {
      throw ReportingError.invalidParameter(
        'frequency',
        `${indicator.code} is published for ${FREQUENCIES.slice(FREQUENCIES.indexOf(indicator.frequency)).join(', ')}`,
      );
    }
    const from = endMonth(query.from ?? String(indicator.baseline.year));
    const to = query.to ? endMonth(query.to) : 2 ** 31 - 1;
    if (from > to) throw ReportingError.invalidParameter('from', '`from` must not be after `to`');
    const [{ points: records, baseline: baselineRecord }, projections] = await Promise.all([
      this.values.seriesWithBaseline(hierarchy.id, indicator.code, unit.code, frequency, from, to, String(indicator.baseline.year)),
      this.values.projectionsOfUnit(hierarchy.id, unit.code, [indicator.code]),
    ]);
    // An administrator's fixed baseline, else the unit's own value for the baseline year (domain rule).
    const baseline = indicator.baseline.value ?? baselineRecord?.value ?? undefined;
    const projection = projections.get(indicator.code);
    return {
      indicator: indicator.code,
      unit: unit.code,
      unitName: unit.name,
      hierarchyVersion: hierarchy.id,
      versionEffectiveFrom: hierarchy.effectiveFrom,
      frequency,
      points: records.map(toSeriesPoint),
      targets: targetsToDraw(indicator, unit),
      trajectory: trajectory(indicator, unit, baseline),
      ...(projection ? { projection } : {}),
    };
  }
}

function toSeriesPoint(record: IndicatorValueRecord): SeriesPointView {
  return {
    period: record.period,
    value: record.value,
    status: record.status,
    ...(record.expected !== undefined ? { expected: record.expected } : {}),
    ...(record.target ? { target: record.target } : {}),
    ...(record.progress !== undefined ? { progress: record.progress } : {}),
    coverage: record.coverage,
    ...(record.quality ? { quality: record.quality } : {}),
  };
}
