import { Injectable } from '@nestjs/common';

import { RankingResponse } from '@dx/contracts';
import { rankUnits } from '@dx/domain';

import { IndicatorValuesReaderService } from '../indicator-values/indicator-values-reader.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { ReportingError } from '../shared/reporting-error.exception';

export interface RankingQuery {
  code: string;
  parent: string;
  period: string;
  version?: string;
}

/** The parent's child units for one indicator and period, best first (domain `rankUnits`). */
@Injectable()
export class GetRankingService {
  constructor(
    private readonly reference: ReferenceDataService,
    private readonly values: IndicatorValuesReaderService,
  ) {}

  async execute(query: RankingQuery): Promise<RankingResponse> {
    const indicator = this.reference.catalogue.indicator(query.code);
    if (!indicator) throw ReportingError.unknownIndicator(query.code);
    const hierarchyVersion = query.version ?? this.reference.versionOf({ period: query.period });
    const hierarchy = this.reference.hierarchies.version(hierarchyVersion);
    if (!hierarchy) throw ReportingError.unknownVersion(hierarchyVersion);
    const parent = hierarchy.get(query.parent);
    if (!parent) throw ReportingError.unknownUnit(query.parent, hierarchyVersion);
    const children = hierarchy.children(parent.code).filter((u) => indicator.levels.includes(u.level));
    const values = await this.values.valuesOfUnits(
      hierarchyVersion,
      indicator.code,
      query.period,
      children.map((u) => u.code),
    );
    const byCode = new Map(children.map((u) => [u.code, u]));
    const ranked = rankUnits(
      indicator,
      children.map((u) => ({ unit: u.code, value: values.get(u.code)?.value ?? null })),
    );
    return {
      indicator: indicator.code,
      parent: parent.code,
      parentName: parent.name,
      period: query.period,
      hierarchyVersion,
      higherIsBetter: indicator.higherIsBetter,
      units: ranked.map((r) => {
        const unit = byCode.get(r.unit);
        const record = values.get(r.unit);
        return {
          rank: r.rank,
          unit: r.unit,
          name: unit?.name ?? r.unit,
          level: unit?.level ?? 3,
          value: r.value,
          status: record?.status ?? 'no_data',
          ...(record?.expected !== undefined ? { expected: record.expected } : {}),
          coverage: record?.coverage ?? { reported: 0, expected: 0 },
        };
      }),
    };
  }
}
