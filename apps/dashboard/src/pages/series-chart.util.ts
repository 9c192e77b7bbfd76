import type { IndicatorView, SeriesResponse } from '@dx/contracts';

import { api } from '../api';
import { PageContext } from '../view';

/** The unit's series in `version`, and the same code's series in the version before it (if the code existed). */
export async function seriesAcrossReorganisation(
  indicator: IndicatorView,
  unit: string,
  version: string,
  ctx: PageContext,
): Promise<{ series: SeriesResponse; former?: SeriesResponse }> {
  const series = await api.series(indicator.code, unit, version);
  const index = ctx.versions.findIndex((v) => v.version === version);
  const previous = index > 0 ? ctx.versions[index - 1] : undefined;
  if (!previous) return { series };
  const former = await api.series(indicator.code, unit, previous.version).catch(() => undefined);
  return { series, former: former && former.points.length > 0 ? former : undefined };
}
