import { Injectable } from '@nestjs/common';

import { ScorecardResponse } from '@dx/contracts';

import { ReadModelCacheService } from '../changes/read-model-cache.service';
import { IndicatorValuesReaderService } from '../indicator-values/indicator-values-reader.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { ReportingError } from '../shared/reporting-error.exception';
import { toScorecardEntry } from './scorecard-entry.util';

export interface ScorecardQuery {
  unit: string;
  period: string;
  /** Default: the version in force for the period (contract.md). */
  version?: string;
}

/** Every indicator computed at the unit's level, for one period, with its projection. */
@Injectable()
export class GetScorecardService {
  constructor(
    private readonly reference: ReferenceDataService,
    private readonly values: IndicatorValuesReaderService,
    private readonly cache: ReadModelCacheService,
  ) {}

  /** The answer is shared by concurrent callers until the read model changes: never mutate it. */
  execute(query: ScorecardQuery): Promise<ScorecardResponse> {
    return this.cache.get(`scorecard|${query.unit}|${query.period}|${query.version ?? ''}`, () => this.compute(query));
  }

  private async compute(query: ScorecardQuery): Promise<ScorecardResponse> {
    const hierarchyVersion = query.version ?? this.reference.versionOf({ period: query.period });
    if (!this.reference.hierarchies.version(hierarchyVersion)) throw ReportingError.unknownVersion(hierarchyVersion);
    const unit = this.reference.unit(hierarchyVersion, query.unit);
    if (!unit) throw ReportingError.unknownUnit(query.unit, hierarchyVersion);
    const indicators = this.reference.catalogue.indicators.filter((i) => i.levels.includes(unit.level));
    const [values, projections] = await Promise.all([
      this.values.valuesOfUnit(hierarchyVersion, unit.code, query.period),
      this.values.projectionsOfUnit(hierarchyVersion, unit.code),
    ]);
    return {
      unit: unit.code,
      unitName: unit.name,
      level: unit.level,
      hierarchyVersion,
      period: query.period,
      indicators: indicators.map((i) => toScorecardEntry(i, unit, query.period, values.get(i.code), projections.get(i.code))),
    };
  }
}
