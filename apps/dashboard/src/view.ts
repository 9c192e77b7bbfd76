import type { ScorecardEntry, ScorecardResponse } from '@dx/contracts';

import { escapeHtml, formatDateTime, formatNumber, formatTarget, formatValue } from './format';
import { Lang, STATUS_TEXT, t } from './i18n';

/** Everything a page needs: the language, the URL helpers, the API's "about". */
export interface PageContext {
  lang: Lang;
  /** A dashboard URL with the language kept. */
  href(path: string, params?: Record<string, string | undefined>): string;
  synthetic: boolean;
  /** Today in Vietnam (ISO date), as the reporting service's clock has it. */
  today: string;
  versionToday: string;
  versions: ReadonlyArray<{ version: string; effectiveFrom: string }>;
}

/** A page renders into `main` and can render again when the data change (live updates). */
export interface Page {
  render(main: HTMLElement): Promise<void>;
}

export const html = escapeHtml;

export function statusBadge(status: keyof typeof STATUS_TEXT, lang: Lang): string {
  return `<span class="status status-${status}">${html(STATUS_TEXT[status][lang])}</span>`;
}

export function projectionText(entry: Pick<ScorecardEntry, 'projection' | 'valueUnit'>, lang: Lang): string {
  if (!entry.projection) return `<span class="muted">${html(t(lang, 'noProjection'))}</span>`;
  const text = t(lang, 'onPace', { value: formatValue(entry.projection.value, entry.valueUnit, lang), year: entry.projection.year });
  return `<span class="${entry.projection.meetsTarget ? 'meets' : 'misses'}">${html(text)}</span>`;
}

/** The scorecard as a table: one row per indicator, every number formatted for the language. */
export function scorecardTable(entries: readonly ScorecardEntry[], ctx: PageContext, unit: string, caption: string): string {
  const { lang } = ctx;
  const rows = entries
    .map((e) => {
      const coverage = e.coverage.expected > 0 ? `${formatNumber(e.coverage.reported, lang)}/${formatNumber(e.coverage.expected, lang)}` : '—';
      return `<tr data-indicator="${html(e.code)}">
        <th scope="row"><a href="${html(ctx.href(`/indicators/${e.code}`, { unit }))}"><span class="code">${html(e.code)}</span> ${html(e.name[lang])}</a></th>
        <td class="num value" data-label="${html(t(lang, 'value'))}" data-value="${e.value ?? ''}">${html(formatValue(e.value, e.valueUnit, lang))}</td>
        <td class="num" data-label="${html(t(lang, 'target'))}">${html(formatTarget(e.target, e.valueUnit, lang))}</td>
        <td class="num" data-label="${html(t(lang, 'expected'))}">${html(formatValue(e.expected, e.valueUnit, lang))}</td>
        <td data-label="${html(t(lang, 'status'))}">${statusBadge(e.status, lang)}</td>
        <td class="num" data-label="${html(t(lang, 'coverage'))}">${html(coverage)}</td>
        <td data-label="${html(t(lang, 'updated'))}">${html(formatDateTime(e.updatedAt, lang))}</td>
        <td data-label="${html(t(lang, 'projection'))}">${projectionText(e, lang)}</td>
      </tr>`;
    })
    .join('');
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${html(caption)}"><table class="scorecard">
    <caption>${html(caption)}</caption>
    <thead><tr>
      <th scope="col">${html(t(lang, 'indicator'))}</th><th scope="col">${html(t(lang, 'value'))}</th><th scope="col">${html(t(lang, 'target'))}</th>
      <th scope="col">${html(t(lang, 'expected'))}</th><th scope="col">${html(t(lang, 'status'))}</th><th scope="col">${html(t(lang, 'coverage'))}</th>
      <th scope="col">${html(t(lang, 'updated'))}</th><th scope="col">${html(t(lang, 'projection'))}</th>
    </tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The scorecard grouped by the plan's pillars. */
export function scorecardByPillar(scorecard: ScorecardResponse, ctx: PageContext, pillarNames: ReadonlyMap<string, { vi: string; en: string }>): string {
  const pillars = [...new Set(scorecard.indicators.map((i) => i.pillar))];
  return pillars
    .map((pillar) => {
      const name = pillarNames.get(pillar)?.[ctx.lang] ?? pillar;
      const entries = scorecard.indicators.filter((i) => i.pillar === pillar);
      return `<section class="pillar" aria-labelledby="pillar-${pillar}"><h2 id="pillar-${pillar}">${html(name)}</h2>${scorecardTable(entries, ctx, scorecard.unit, name)}</section>`;
    })
    .join('');
}

/** A `<select>` that keeps its choice in the URL. */
export function select(id: string, label: string, options: ReadonlyArray<{ value: string; text: string }>, selected: string | undefined): string {
  return `<label class="field" for="${id}">${html(label)}
    <select id="${id}">${options.map((o) => `<option value="${html(o.value)}"${o.value === selected ? ' selected' : ''}>${html(o.text)}</option>`).join('')}</select></label>`;
}
