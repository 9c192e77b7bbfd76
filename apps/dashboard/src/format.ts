import { Lang } from './i18n';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/** A number as people of the language write it: `84,5` in Vietnamese, `84.5` in English. */
export function formatNumber(value: number, lang: Lang, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits, minimumFractionDigits: 0 }).format(value);
}

/** A value in its unit: `84,5 %` / `84.5%` for shares, `hạng 9` / `rank 9` for ranks; `—` without a value. */
export function formatValue(value: number | null | undefined, unit: 'percent' | 'rank', lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'rank') return lang === 'vi' ? `hạng ${formatNumber(value, lang, 0)}` : `rank ${formatNumber(value, lang, 0)}`;
  return lang === 'vi' ? `${formatNumber(value, lang)} %` : `${formatNumber(value, lang)}%`;
}

const OPS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '=': '=' };

/** A target as `≥ 80 % (2025)`. */
export function formatTarget(target: { year: number; op: string; value: number } | undefined, unit: 'percent' | 'rank', lang: Lang): string {
  if (!target) return '—';
  return `${OPS[target.op] ?? target.op} ${formatValue(target.value, unit, lang)} (${target.year})`;
}

/** A date and time in Vietnam time, in the language's order. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
}

/** A period for people: `Quý 2/2025` / `Q2 2025`, `Tháng 6/2025` / `June 2025`, `Năm 2025` / `2025`. */
export function formatPeriod(period: string, lang: Lang): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return lang === 'vi' ? `Quý ${quarter[2]}/${quarter[1]}` : `Q${quarter[2]} ${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    if (lang === 'vi') return `Tháng ${Number(month[2])}/${month[1]}`;
    return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)),
    );
  }
  return lang === 'vi' ? `Năm ${period}` : period;
}

/** Text safe to put inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
