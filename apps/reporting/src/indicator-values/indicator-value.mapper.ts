import { IndicatorComputedV1, IndicatorValueRecord } from '@dx/contracts';
import { endMonth, toPeriod } from '@dx/domain';

/** A value as reporting stores it: the record portals read, plus the columns it is found by. */
export interface StoredIndicatorValue {
  record: IndicatorValueRecord;
  frequency: string;
  periodEndMonth: number;
}

/**
 * The one mapper from the `indicator computed` payload to reporting's record. `hierarchyVersion` is the
 * producer's when the payload has it (contract.md lists it), else `versionOf` decides (the version in
 * force for the period).
 */
export function toStoredIndicatorValue(
  data: IndicatorComputedV1,
  versionOf: (event: { period: string; hierarchyVersion?: string }) => string,
  updatedAt: Date,
): StoredIndicatorValue {
  const record: IndicatorValueRecord = { ...data, hierarchyVersion: versionOf(data), updatedAt: updatedAt.toISOString() };
  return { record, frequency: toPeriod(data.period).frequency, periodEndMonth: endMonth(data.period) };
}

/** Identity of a value in the read model: version, indicator, unit, period. */
export function valueKey(record: Pick<IndicatorValueRecord, 'hierarchyVersion' | 'indicator' | 'unit' | 'period'>): string {
  return `${record.hierarchyVersion}/${record.indicator}/${record.unit}/${record.period}`;
}
