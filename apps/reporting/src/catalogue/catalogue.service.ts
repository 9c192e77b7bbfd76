import { Inject, Injectable } from '@nestjs/common';

import { AboutResponse, IndicatorsResponse, PeriodsResponse, UnitsResponse } from '@dx/contracts';
import { UnitHierarchy, UnitLevel } from '@dx/domain';
import { APP_CONFIG } from '@dx/platform';

import { ReportingConfig } from '../config/reporting.config';
import { IndicatorValuesReaderService } from '../indicator-values/indicator-values-reader.service';
import { ClockService } from '../reference/clock.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { ReportingError } from '../shared/reporting-error.exception';
import { toIndicatorView, toUnitView, toVersionsView } from './catalogue-view.util';

/** Indicators, units and versions as portals read them, and what the running platform is. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
    private readonly values: IndicatorValuesReaderService,
    @Inject(APP_CONFIG) private readonly config: Pick<ReportingConfig, 'DX_DEMO'>,
  ) {}

  indicators(): IndicatorsResponse {
    return { indicators: this.reference.catalogue.indicators.map(toIndicatorView) };
  }

  units(query: { version?: string; level?: UnitLevel; parent?: string }): UnitsResponse {
    const hierarchy = this.hierarchy(query.version);
    if (query.parent !== undefined && !hierarchy.has(query.parent)) throw ReportingError.unknownUnit(query.parent, hierarchy.id);
    const candidates = query.parent !== undefined ? hierarchy.children(query.parent) : hierarchy.units;
    const units = candidates.filter((u) => query.level === undefined || u.level === query.level).map(toUnitView);
    return { hierarchyVersion: hierarchy.id, effectiveFrom: hierarchy.effectiveFrom, units };
  }

  unit(code: string, version?: string): UnitsResponse {
    const hierarchy = this.hierarchy(version);
    const unit = hierarchy.get(code);
    if (!unit) throw ReportingError.unknownUnit(code, hierarchy.id);
    return { hierarchyVersion: hierarchy.id, effectiveFrom: hierarchy.effectiveFrom, units: [toUnitView(unit)] };
  }

  async periods(unit: string, version?: string): Promise<PeriodsResponse> {
    const hierarchy = this.hierarchy(version);
    if (!hierarchy.has(unit)) throw ReportingError.unknownUnit(unit, hierarchy.id);
    const periods = await this.values.periodsOfUnit(hierarchy.id, unit);
    return { unit, hierarchyVersion: hierarchy.id, periods: periods.map((p) => p.period) };
  }

  about(): AboutResponse {
    const now = this.clock.now();
    return {
      service: 'reporting',
      syntheticData: this.config.DX_DEMO === 'on',
      today: new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10),
      hierarchyVersionToday: this.reference.versionAt(now).id,
      hierarchyVersions: toVersionsView(this.reference.hierarchies.versions()),
    };
  }

  /** The version asked for, or the one in force today (contract.md: `version`, default today's). */
  hierarchy(version?: string): UnitHierarchy {
    if (version === undefined) return this.reference.versionAt(this.clock.now());
    const hierarchy = this.reference.hierarchies.version(version);
    if (!hierarchy) throw ReportingError.unknownVersion(version);
    return hierarchy;
  }
}
