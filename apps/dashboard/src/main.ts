import { api } from './api';
import { formatDateTime } from './format';
import { Lang, langOf, t } from './i18n';
import { alertsPage } from './pages/alerts.page';
import { indicatorPage } from './pages/indicator.page';
import { overviewPage } from './pages/overview.page';
import { unitPage } from './pages/unit.page';
import { html, Page, PageContext } from './view';

// The dashboard: one page per URL, rendered from the reporting API, re-rendered when the change feed
// says something changed. The language is `?lang=` in every URL (Vietnamese without it).

function hrefFor(lang: Lang) {
  return (path: string, params: Record<string, string | undefined> = {}): string => {
    const query = new URLSearchParams(
      Object.entries({ ...params, lang: lang === 'en' ? 'en' : undefined }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
    );
    return `${path}${query.size > 0 ? `?${query}` : ''}`;
  };
}

function switchLanguageHref(lang: Lang): string {
  const params = new URLSearchParams(location.search);
  if (lang === 'vi') params.set('lang', 'en');
  else params.delete('lang');
  return `${location.pathname}${params.size > 0 ? `?${params}` : ''}`;
}

function layout(ctx: PageContext): HTMLElement {
  const { lang } = ctx;
  document.documentElement.lang = lang;
  document.title = t(lang, 'title');
  const skip = document.querySelector<HTMLAnchorElement>('a.skip');
  if (skip) skip.textContent = t(lang, 'skip');
  const app = document.getElementById('app') as HTMLElement;
  app.innerHTML = `
    <header class="top">
      <a class="brand" href="${html(ctx.href('/'))}">${html(t(lang, 'title'))}</a>
      <nav aria-label="${html(t(lang, 'overview'))}">
        <a href="${html(ctx.href('/'))}">${html(t(lang, 'overview'))}</a>
        <a href="${html(ctx.href('/alerts'))}">${html(t(lang, 'alertsNav'))}</a>
        <a class="lang" hreflang="${lang === 'vi' ? 'en' : 'vi'}" lang="${lang === 'vi' ? 'en' : 'vi'}" aria-label="${html(t(lang, 'languageLabel'))}" href="${html(switchLanguageHref(lang))}">${html(t(lang, 'language'))}</a>
      </nav>
    </header>
    ${ctx.synthetic ? `<p class="banner" role="note" id="synthetic-banner">${html(t(lang, 'synthetic'))}</p>` : ''}
    <main id="main" tabindex="-1"></main>
    <footer class="bottom"><p class="live" id="live" aria-live="polite"><span class="dot" aria-hidden="true"></span> ${html(t(lang, 'live'))}</p></footer>`;
  return app.querySelector('main') as HTMLElement;
}

function route(ctx: PageContext, indicators: Awaited<ReturnType<typeof api.indicators>>): Page {
  const path = location.pathname;
  const unit = /^\/units\/([^/]+)$/.exec(path);
  if (unit) return unitPage(ctx, decodeURIComponent(unit[1]), indicators);
  const indicator = /^\/indicators\/([^/]+)$/.exec(path);
  if (indicator) return indicatorPage(ctx, decodeURIComponent(indicator[1]), indicators);
  if (path === '/alerts') return alertsPage(ctx);
  return overviewPage(ctx, indicators);
}

/** Re-renders after changes, at most once a second, and says so to screen readers. */
function followChanges(page: Page, main: HTMLElement, ctx: PageContext): void {
  if (typeof EventSource === 'undefined') return;
  let timer: number | undefined;
  let rendering = Promise.resolve();
  const source = new EventSource('/v1/changes/stream?types=indicator_value,alert,overdue_report');
  const changed = (): void => {
    if (timer !== undefined) return;
    timer = window.setTimeout(() => {
      timer = undefined;
      rendering = rendering
        .then(() => page.render(main))
        .then(() => {
          const live = document.getElementById('live')?.lastChild;
          if (live) live.textContent = ` ${t(ctx.lang, 'updatedLive', { time: formatDateTime(new Date().toISOString(), ctx.lang) })}`;
          document.body.dataset.updates = String(Number(document.body.dataset.updates ?? '0') + 1);
        })
        .catch(() => undefined);
    }, 1_000);
  };
  source.onmessage = changed;
  source.addEventListener('alert', changed);
  source.addEventListener('overdue_report', changed);
}

async function start(): Promise<void> {
  const lang = langOf(location.search);
  const [about, indicators] = await Promise.all([api.about(), api.indicators()]);
  const ctx: PageContext = {
    lang,
    href: hrefFor(lang),
    synthetic: about.syntheticData,
    today: about.today,
    versionToday: about.hierarchyVersionToday,
    versions: about.hierarchyVersions,
  };
  const main = layout(ctx);
  const page = route(ctx, indicators);
  try {
    await page.render(main);
  } catch {
    main.innerHTML = `<p class="error" role="alert">${html(t(lang, 'error'))}</p>`;
  }
  document.body.dataset.ready = 'true';
  followChanges(page, main, ctx);
}

void start();
