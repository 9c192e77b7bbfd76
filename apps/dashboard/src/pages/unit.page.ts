import type { IndicatorsResponse } from '@dx/contracts';

import { api } from '../api';
import { drawSeriesChart } from '../chart';
import { formatPeriod } from '../format';
import { t } from '../i18n';
import { html, Page, PageContext, scorecardByPillar, select } from '../view';
import { defaultPeriod, periodsAcrossVersions } from './periods.util';
import { seriesAcrossReorganisation } from './series-chart.util';

/** `/units/:code`: any commune, ward or former district — its scorecard and the series of one indicator. */
export function unitPage(ctx: PageContext, code: string, indicators: IndicatorsResponse): Page {
  const pillarNames = new Map(indicators.indicators.map((i) => [i.pillar, i.pillarName]));
  return {
    async render(main) {
      const { lang } = ctx;
      const params = new URLSearchParams(location.search);
      const version = params.get('version') ?? ctx.versionToday;
      const unit = (await api.unit(code, version)).units[0];
      const periods = (await periodsAcrossVersions(code, ctx)).filter((p) => p.version === version);
      const period = defaultPeriod(periods, params.get('period'), ctx.today)?.period ?? '2025';
      const scorecard = await api.scorecard(code, period, version);
      const withValues = scorecard.indicators.filter((i) => i.value !== null);
      const chosen =
        indicators.indicators.find((i) => i.code === params.get('indicator')) ??
        indicators.indicators.find((i) => i.code === (withValues[0] ?? scorecard.indicators[0])?.code);
      main.innerHTML = `
        <h1>${html(unit.name)} <span class="muted">(${html(unit.code)})</span> — ${html(formatPeriod(period, lang))}</h1>
        <p class="muted">${html(t(lang, 'version'))}: ${html(version)}${unit.parentCode ? ` · <a href="${html(ctx.href(`/units/${unit.parentCode}`, { version }))}">↑ ${html(unit.parentCode)}</a>` : ''}</p>
        <form class="controls" onsubmit="return false">
          ${select(
            'period',
            t(lang, 'period'),
            periods.map((p) => ({ value: p.period, text: formatPeriod(p.period, lang) })),
            period,
          )}
          ${select(
            'indicator',
            t(lang, 'indicator'),
            scorecard.indicators.map((i) => ({ value: i.code, text: `${i.code} ${i.name[lang]}` })),
            chosen?.code,
          )}
        </form>
        ${scorecardByPillar(scorecard, ctx, pillarNames)}
        <section aria-labelledby="series"><h2 id="series">${html(t(lang, 'series'))}: ${html(chosen ? chosen.name[lang] : '')}</h2><div class="chart" id="chart"></div></section>`;
      for (const id of ['period', 'indicator']) {
        main.querySelector<HTMLSelectElement>(`#${id}`)?.addEventListener('change', () => {
          const next = {
            version,
            period: main.querySelector<HTMLSelectElement>('#period')?.value,
            indicator: main.querySelector<HTMLSelectElement>('#indicator')?.value,
          };
          location.assign(ctx.href(`/units/${code}`, next));
        });
      }
      if (chosen) {
        const { series, former } = await seriesAcrossReorganisation(chosen, code, version, ctx);
        drawSeriesChart(main.querySelector('#chart') as HTMLElement, { series, former, valueUnit: chosen.valueUnit, indicatorName: chosen.name[lang] }, lang);
      }
    },
  };
}
