import type { AlertView, OverdueReportView } from '@dx/contracts';

import { api } from '../api';
import { formatDateTime, formatPeriod } from '../format';
import { SEVERITY_TEXT, t } from '../i18n';
import { html, Page, PageContext } from '../view';

export function alertsList(alerts: readonly AlertView[], ctx: PageContext): string {
  const { lang } = ctx;
  if (alerts.length === 0) return `<p class="muted">${html(t(lang, 'none'))}</p>`;
  return `<ul class="alerts">${alerts
    .map(
      (a) => `<li class="severity-${a.severity}"><span class="severity">${html(SEVERITY_TEXT[a.severity][lang])}</span>
        ${html(a.message[lang])} <span class="muted">· ${html(formatDateTime(a.firedAt, lang))}</span></li>`,
    )
    .join('')}</ul>`;
}

export function overdueList(reports: readonly OverdueReportView[], ctx: PageContext): string {
  const { lang } = ctx;
  if (reports.length === 0) return `<p class="muted">${html(t(lang, 'none'))}</p>`;
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${html(t(lang, 'overdueReports'))}"><table>
    <thead><tr><th scope="col">${html(t(lang, 'measure'))}</th><th scope="col">${html(t(lang, 'unit'))}</th><th scope="col">${html(t(lang, 'period'))}</th><th scope="col">${html(t(lang, 'dueDate'))}</th></tr></thead>
    <tbody>${reports
      .map(
        (r) =>
          `<tr><td>${html(r.measureName[lang])}</td><td>${html(r.unitName ?? r.unit)}</td><td>${html(formatPeriod(r.period, lang))}</td><td>${html(r.dueDate ?? '—')}</td></tr>`,
      )
      .join('')}</tbody></table></div>`;
}

/** `/alerts`: every open alert and every overdue report. */
export function alertsPage(ctx: PageContext): Page {
  return {
    async render(main) {
      const [alerts, overdue] = await Promise.all([api.alerts('open', '200'), api.overdue('200')]);
      main.innerHTML = `<h1>${html(t(ctx.lang, 'alertsNav'))}</h1>
        <section aria-labelledby="open-alerts"><h2 id="open-alerts">${html(t(ctx.lang, 'openAlerts'))}</h2>${alertsList(alerts.alerts, ctx)}</section>
        <section aria-labelledby="overdue"><h2 id="overdue">${html(t(ctx.lang, 'overdueReports'))}</h2>${overdueList(overdue.reports, ctx)}</section>`;
    },
  };
}
