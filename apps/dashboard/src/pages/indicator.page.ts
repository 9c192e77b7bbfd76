import type { IndicatorsResponse, RankingResponse } from '@dx/contracts';

import { api } from '../api';
import { drawSeriesChart } from '../chart';
import { formatNumber, formatPeriod, formatTarget, formatValue } from '../format';
import { t } from '../i18n';
import { html, Page, PageContext, projectionText, statusBadge } from '../view';
import { seriesAcrossReorganisation } from './series-chart.util';

/** `/indicators/:code`: the series with trajectory and targets, the projection, and the ranking below the unit. */
export function indicatorPage(ctx: PageContext, code: string, indicators: IndicatorsResponse): Page {
  return {
    async render(main) {
      const { lang } = ctx;
      const indicator = indicators.indicators.find((i) => i.code === code);
      if (!indicator) {
        main.innerHTML = `<h1>${html(t(lang, 'notFound'))}: ${html(code)}</h1>`;
        return;
      }
      const params = new URLSearchParams(location.search);
      const unit = params.get('unit') ?? '92';
      const version = params.get('version') ?? ctx.versionToday;
      const { series, former } = await seriesAcrossReorganisation(indicator, unit, version, ctx);
      const latest = [...series.points].reverse().find((p) => p.value !== null);
      const period = params.get('period') ?? latest?.period;
      const ranking = period ? await api.ranking(code, unit, period, version).catch(() => undefined) : undefined;
      const behind = ranking?.units.filter((u) => u.status === 'at_risk' || u.status === 'off_track') ?? [];
      main.innerHTML = `
        <h1><span class="code">${html(indicator.code)}</span> ${html(indicator.name[lang])}</h1>
        <p>${html(series.unitName)} (${html(series.unit)}) · ${html(t(lang, 'target'))}: ${html(series.targets.map((tg) => formatTarget(tg, indicator.valueUnit, lang)).join(', ') || '—')}</p>
        <p class="projection">${projectionText({ projection: series.projection, valueUnit: indicator.valueUnit }, lang)}</p>
        ${former ? `<p class="note" role="note">${html(t(lang, 'reorganisationNote'))}</p>` : ''}
        <section aria-labelledby="series"><h2 id="series">${html(t(lang, 'series'))}</h2><div class="chart" id="chart"></div></section>
        <section aria-labelledby="ranking"><h2 id="ranking">${html(t(lang, 'ranking'))}${period ? ` — ${html(formatPeriod(period, lang))}` : ''}</h2>
          ${ranking ? rankingTable(ranking, indicator.valueUnit, ctx) : `<p class="muted">${html(t(lang, 'none'))}</p>`}
          <h3>${html(t(lang, 'behind'))}</h3>
          <p>${behind.length > 0 ? behind.map((u) => html(u.name)).join(', ') : html(t(lang, 'none'))}</p>
        </section>`;
      drawSeriesChart(
        main.querySelector('#chart') as HTMLElement,
        { series, former, valueUnit: indicator.valueUnit, indicatorName: indicator.name[lang] },
        lang,
      );
    },
  };
}

function rankingTable(ranking: RankingResponse, valueUnit: 'percent' | 'rank', ctx: PageContext): string {
  const { lang } = ctx;
  if (ranking.units.length === 0) return `<p class="muted">${html(t(lang, 'none'))}</p>`;
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${html(t(lang, 'ranking'))}"><table class="ranking">
    <thead><tr><th scope="col">${html(t(lang, 'rank'))}</th><th scope="col">${html(t(lang, 'unit'))}</th><th scope="col">${html(t(lang, 'value'))}</th><th scope="col">${html(t(lang, 'expected'))}</th><th scope="col">${html(t(lang, 'status'))}</th></tr></thead>
    <tbody>${ranking.units
      .map(
        (
          u,
        ) => `<tr data-unit="${html(u.unit)}"><td class="num" data-label="${html(t(lang, 'rank'))}">${u.rank === null ? '—' : html(formatNumber(u.rank, lang))}</td>
          <th scope="row"><a href="${html(ctx.href(`/indicators/${ranking.indicator}`, { unit: u.unit, version: ranking.hierarchyVersion }))}">${html(u.name)}</a></th>
          <td class="num" data-label="${html(t(lang, 'value'))}">${html(formatValue(u.value, valueUnit, lang))}</td><td class="num" data-label="${html(t(lang, 'expected'))}">${html(formatValue(u.expected, valueUnit, lang))}</td><td data-label="${html(t(lang, 'status'))}">${statusBadge(u.status, lang)}</td></tr>`,
      )
      .join('')}</tbody></table></div>`;
}
