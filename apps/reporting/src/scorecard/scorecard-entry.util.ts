import { IndicatorValueRecord, ProjectionView, ScorecardEntry } from '@dx/contracts';
import { AdministrativeUnit, applicableTarget, Indicator, targetRef } from '@dx/domain';

/**
 * One line of a scorecard: the published value with its assessment, or — when computation has published
 * nothing for it — `no_data` with `value: null` and the target that applies, so every indicator shows.
 */
export function toScorecardEntry(
  indicator: Indicator,
  unit: AdministrativeUnit,
  period: string,
  record: IndicatorValueRecord | undefined,
  projection: ProjectionView | undefined,
): ScorecardEntry {
  const base = { code: indicator.code, pillar: indicator.pillar, name: indicator.name, valueUnit: indicator.valueUnit };
  const extra = projection ? { projection } : {};
  if (!record) {
    const target = applicableTarget(indicator, unit, period);
    return {
      ...base,
      value: null,
      ...(target ? { target: targetRef(target, period) } : {}),
      status: 'no_data',
      coverage: { reported: 0, expected: 0 },
      ...extra,
      updatedAt: null,
    };
  }
  return {
    ...base,
    value: record.value,
    ...(record.numerator !== undefined ? { numerator: record.numerator } : {}),
    ...(record.denominator !== undefined ? { denominator: record.denominator } : {}),
    ...(record.target ? { target: record.target } : {}),
    ...(record.expected !== undefined ? { expected: record.expected } : {}),
    status: record.status,
    ...(record.progress !== undefined ? { progress: record.progress } : {}),
    coverage: record.coverage,
    ...(record.quality ? { quality: record.quality } : {}),
    ...extra,
    updatedAt: record.updatedAt,
  };
}
