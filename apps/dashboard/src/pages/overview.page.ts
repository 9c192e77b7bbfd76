import type { IndicatorsResponse } from '@dx/contracts';

import { api } from '../api';
import { formatPeriod } from '../format';
import { t } from '../i18n';
import { alertsList, overdueList } from './alerts.page';
import { html, Page, PageContext, scorecardByPillar, select } from '../view';
import { defaultPeriod, periodsAcrossVersions } from './periods.util';

const CITY = '92';

/** `/`: the city's scorecard by pillar, its open alerts and overdue reports, and a way to any unit. */
export function overviewPage(ctx: PageContext, indicators: IndicatorsResponse): Page {
  const pillarNames = new Map(indicators.indicators.map((i) => [i.pillar, i.pillarName]));
  return {
    async render(main) {
      const { lang } = ctx;
      const params = new URLSearchParams(location.search);
      const periods = await periodsAcrossVersions(CITY, ctx);
      const chosen = defaultPeriod(periods, params.get('period'), ctx.today);
      const [scorecard, alerts, overdue, units] = await Promise.all([
        api.scorecard(CITY, chosen?.period ?? String(new Date().getFullYear()), chosen?.version),
        api.alerts('open', '5'),
        api.overdue('5'),
        api.units(chosen?.version ?? ctx.versionToday),
      ]);
      main.innerHTML = `
        <h1>${html(scorecard.unitName)} — ${html(formatPeriod(scorecard.period, lang))}</h1>
        <form class="controls" onsubmit="return false">
          ${select(
            'period',
            t(lang, 'period'),
            periods.map((p) => ({ value: p.period, text: formatPeriod(p.period, lang) })),
            scorecard.period,
          )}
          ${select('unit', t(lang, 'chooseUnit'), [{ value: '', text: '—' }, ...units.units.filter((u) => u.level > 1).map((u) => ({ value: u.code, text: `${u.name} (${u.code})` }))], '')}
        </form>
        ${scorecardByPillar(scorecard, ctx, pillarNames)}
        <div class="columns">
          <section aria-labelledby="open-alerts"><h2 id="open-alerts">${html(t(lang, 'openAlerts'))}</h2>${alertsList(alerts.alerts, ctx)}
            <p><a href="${html(ctx.href('/alerts'))}">${html(t(lang, 'seeAll'))}</a></p></section>
          <section aria-labelledby="overdue"><h2 id="overdue">${html(t(lang, 'overdueReports'))}</h2>${overdueList(overdue.reports, ctx)}
            <p><a href="${html(ctx.href('/alerts'))}">${html(t(lang, 'seeAll'))}</a></p></section>
        </div>`;
      main.querySelector<HTMLSelectElement>('#period')?.addEventListener('change', (event) => {
        const period = (event.target as HTMLSelectElement).value;
        location.assign(ctx.href('/', { period }));
      });
      main.querySelector<HTMLSelectElement>('#unit')?.addEventListener('change', (event) => {
        const unit = (event.target as HTMLSelectElement).value;
        if (unit) location.assign(ctx.href(`/units/${unit}`, { version: scorecard.hierarchyVersion }));
      });
    },
  };
}
