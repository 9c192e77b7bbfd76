import { api } from '../api';
import { PageContext } from '../view';

/** Periods with values for a unit code in every hierarchy version it exists in, newest first. */
export async function periodsAcrossVersions(unit: string, ctx: PageContext): Promise<Array<{ period: string; version: string }>> {
  const lists = await Promise.all(
    ctx.versions.map((v) =>
      api.periods(unit, v.version).then(
        (r) => r.periods.map((period) => ({ period, version: v.version })),
        () => [],
      ),
    ),
  );
  const byPeriod = new Map<string, { period: string; version: string }>();
  for (const item of lists.flat()) if (!byPeriod.has(item.period)) byPeriod.set(item.period, item);
  return [...byPeriod.values()].sort((a, b) => periodEnd(b.period) - periodEnd(a.period) || a.period.length - b.period.length);
}

function periodEnd(period: string): number {
  const [year, rest] = period.split('-');
  const month = rest === undefined ? 12 : rest.startsWith('Q') ? Number(rest.slice(1)) * 3 : Number(rest);
  return Number(year) * 12 + month;
}

/** The period a page opens on: the asked one, else the newest year already over, else the newest period. */
export function defaultPeriod<T extends { period: string }>(periods: readonly T[], asked: string | null, today: string): T | undefined {
  return (
    periods.find((p) => p.period === asked) ??
    periods.find((p) => /^\d{4}$/.test(p.period) && `${p.period}-12-31` < today) ??
    periods.find((p) => /^\d{4}$/.test(p.period)) ??
    periods[0]
  );
}
