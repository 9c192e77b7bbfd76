import { Indicator } from '../catalogue/catalogue.type';

/** A unit's value to rank (null: nothing to rank it by). */
export interface RankCandidate {
  readonly unit: string;
  readonly value: number | null;
}

export interface RankedUnit extends RankCandidate {
  /** 1 for the best; units with the same value share a rank (1, 2, 2, 4); null without a value. */
  readonly rank: number | null;
}

/**
 * Units best first for the indicator: the highest value first, or the lowest where lower is better (a
 * DTI rank such as OVR-01). Equal values share a rank and are listed by unit code; units without a value
 * come last, by code, without a rank.
 */
export function rankUnits(indicator: Pick<Indicator, 'higherIsBetter'>, candidates: readonly RankCandidate[]): RankedUnit[] {
  const direction = indicator.higherIsBetter ? -1 : 1;
  const withValue = candidates.filter((c): c is { unit: string; value: number } => c.value !== null && Number.isFinite(c.value));
  const without = candidates.filter((c) => c.value === null || !Number.isFinite(c.value));
  withValue.sort((a, b) => direction * (a.value - b.value) || compareUnitCodes(a.unit, b.unit));
  without.sort((a, b) => compareUnitCodes(a.unit, b.unit));
  const ranked: RankedUnit[] = [];
  withValue.forEach((c, i) => {
    const previous = ranked[i - 1];
    const rank = previous && previous.value === c.value ? (previous.rank as number) : i + 1;
    ranked.push({ unit: c.unit, value: c.value, rank });
  });
  return [...ranked, ...without.map((c) => ({ unit: c.unit, value: null, rank: null }))];
}

/** GSO codes in numeric order: shorter codes (higher levels) first, then digit by digit. */
export function compareUnitCodes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
