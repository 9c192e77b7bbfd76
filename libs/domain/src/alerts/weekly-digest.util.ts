import { Catalogue } from '../catalogue/catalogue';
import { Indicator } from '../catalogue/catalogue.type';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { IndicatorValue } from '../computation/indicator-value.type';
import { periodStart, toPeriod } from '../periods/period.util';
import { LocalizedText } from '../shared/localized-text.type';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { formatIndicatorValue, formatVietnamDate, formatVietnamTime, SEVERITY_NAMES, STATUS_NAMES } from './alert-format.util';
import { audienceOf } from './alert-lifecycle.util';
import { alertMessage, bilingualText, ComposedMessage, MessageContext, unitName } from './alert-message.util';
import { AlertSubscription, coversSubject, coversUnit } from './alert-routing.util';
import { Alert } from './alert.type';
import { DEFAULT_DELIVERY_WINDOW } from './default-delivery-window.constant';
import { DeliveryWindow, nextAllowedInstant } from './delivery-window.util';
import { SEVERITIES, severityAtLeast } from './severity.util';
import { VIETNAM_OFFSET_MS } from './vietnam-offset.constant';

/** An indicator value of a unit that is behind its trajectory. */
export interface BehindUnit {
  readonly indicator: string;
  readonly unit: string;
  readonly hierarchyVersion: string;
  readonly period: string;
  readonly status: 'at_risk' | 'off_track';
  readonly value: number | null;
  readonly expected?: number;
}

/** The worst-placed communes (level 3) of one indicator and period, worst first. */
export interface CommuneRanking {
  readonly indicator: string;
  readonly period: string;
  readonly hierarchyVersion: string;
  /** How many communes in scope have a value (the `of` in "103rd of 103"). */
  readonly ranked: number;
  readonly lowest: readonly { readonly unit: string; readonly value: number; readonly rank: number }[];
}

/** The content of one subscription's weekly digest, before wording. */
export interface WeeklyDigest {
  readonly subscriptionId: string;
  /** The week covered: Monday 00:00 to the next Monday 00:00, Vietnam time. */
  readonly from: Date;
  readonly to: Date;
  readonly behind: readonly BehindUnit[];
  /** How many values are behind in all (`behind` lists the worst of them). */
  readonly behindCount: number;
  readonly lowestRanked: readonly CommuneRanking[];
  /** Open status-slip and regression alerts, the most severe and oldest first. */
  readonly openAlerts: readonly Alert[];
  /** Open overdue-report alerts, the oldest period first. */
  readonly overdueReports: readonly Alert[];
  /** Alerts in scope resolved during the week. */
  readonly resolvedInWeek: number;
}

export interface WeeklyDigestInput {
  readonly subscription: AlertSubscription;
  /** The current indicator values (any units and periods: the digest keeps those in scope). */
  readonly values: readonly IndicatorValue[];
  /** The alerts, open and resolved (the digest keeps those in scope). */
  readonly alerts: readonly Alert[];
  readonly now: Date;
  readonly hierarchies: HierarchyRegistry;
  readonly catalogue?: Catalogue;
  readonly limits?: { readonly behind?: number; readonly lowestRanked?: number };
}

const DAY_MS = 86_400_000;
const DIGEST_WEEKDAY = 1;
const DIGEST_HOUR = 8;

/** The last complete week (Monday 00:00 to Monday 00:00, Vietnam time) before `now`. */
export function weeklyDigestWindow(now: Date): { readonly from: Date; readonly to: Date } {
  const local = now.getTime() + VIETNAM_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const sinceMonday = (new Date(dayStart).getUTCDay() + 6) % 7;
  const to = dayStart - sinceMonday * DAY_MS - VIETNAM_OFFSET_MS;
  return { from: new Date(to - 7 * DAY_MS), to: new Date(to) };
}

/**
 * When the next digest goes out after `after`: Monday 08:00 Vietnam time, or the next allowed
 * instant when that Monday is a holiday (a digest is never critical).
 */
export function nextWeeklyDigestAt(after: Date, window: DeliveryWindow = DEFAULT_DELIVERY_WINDOW): Date {
  const local = after.getTime() + VIETNAM_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const untilMonday = (DIGEST_WEEKDAY - new Date(dayStart).getUTCDay() + 7) % 7;
  let send = dayStart + untilMonday * DAY_MS + DIGEST_HOUR * 3_600_000;
  if (send <= local) send += 7 * DAY_MS;
  return nextAllowedInstant(new Date(send - VIETNAM_OFFSET_MS), window);
}

/**
 * Who is behind, for one subscription: per indicator in scope, its latest period (at its own
 * frequency) with values in scope; the values of that period below the trajectory, off track first
 * and then by distance; the communes ranked lowest; and the open, overdue and resolved alerts of the
 * scope (escalated ones included where escalated into it).
 */
export function buildWeeklyDigest(input: WeeklyDigestInput): WeeklyDigest {
  const { subscription, hierarchies, now } = input;
  const catalogue = input.catalogue ?? DEFAULT_CATALOGUE;
  const { from, to } = weeklyDigestWindow(now);
  const current = currentValues(input, catalogue);
  const behindAll = current
    .filter(({ value }) => value.status === 'at_risk' || value.status === 'off_track')
    .sort(
      (a, b) => Number(b.value.status === 'off_track') - Number(a.value.status === 'off_track') || shortfall(b) - shortfall(a) || compareRef(a.value, b.value),
    )
    .map(({ value, version }) => ({
      indicator: value.indicator,
      unit: value.unit,
      hierarchyVersion: version,
      period: value.period,
      status: value.status as 'at_risk' | 'off_track',
      value: value.value,
      ...(value.expected !== undefined ? { expected: value.expected } : {}),
    }));
  const inScope = input.alerts.filter(
    (alert) =>
      severityAtLeast(alert.severity, subscription.minSeverity) &&
      coversSubject(subscription.scope, alert, catalogue) &&
      audienceOf(alert, hierarchies).some((unit) => coversUnit(subscription.scope, unit, alert.hierarchyVersion, hierarchies)),
  );
  const open = inScope.filter((a) => a.state !== 'resolved');
  return {
    subscriptionId: subscription.id,
    from,
    to,
    behind: behindAll.slice(0, input.limits?.behind ?? 20),
    behindCount: behindAll.length,
    lowestRanked: lowestRanked(current, input.limits?.lowestRanked ?? 5, hierarchies),
    openAlerts: open
      .filter((a) => a.kind !== 'overdue')
      .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.firedAt.getTime() - b.firedAt.getTime() || a.id.localeCompare(b.id)),
    overdueReports: open
      .filter((a) => a.kind === 'overdue')
      .sort((a, b) => periodStart(a.openPeriods[0] ?? a.period).getTime() - periodStart(b.openPeriods[0] ?? b.period).getTime() || a.id.localeCompare(b.id)),
    resolvedInWeek: inScope.filter((a) => a.resolvedAt !== undefined && a.resolvedAt >= from && a.resolvedAt < to).length,
  };
}

/** Subject and body of a weekly digest, in Vietnamese then English. */
export function weeklyDigestMessage(digest: WeeklyDigest, context: MessageContext & { readonly subscriptionName: string }): ComposedMessage {
  const catalogue = context.catalogue ?? DEFAULT_CATALOGUE;
  const first = formatVietnamDate(digest.from);
  const last = formatVietnamDate(new Date(digest.to.getTime() - DAY_MS));
  const subject = {
    vi: `Bản tin tuần ${first.vi}–${last.vi}: ${digest.behindCount} kết quả dưới lộ trình, ${digest.openAlerts.length} cảnh báo đang mở, ${digest.overdueReports.length} báo cáo quá hạn`,
    en: `Weekly digest ${first.en} – ${last.en}: ${digest.behindCount} below trajectory, ${digest.openAlerts.length} open alerts, ${digest.overdueReports.length} overdue reports`,
  };
  const name = (unit: string, version: string) => `${unitName(unit, version, context.hierarchies) ?? unit} (${unit})`;
  const indicatorName = (code: string): LocalizedText => {
    const indicator = catalogue.indicator(code);
    return indicator ? { vi: `${code} ${indicator.name.vi}`, en: `${code} ${indicator.name.en}` } : { vi: code, en: code };
  };
  const value = (code: string, v: number | null | undefined) => formatIndicatorValue(v, catalogue.indicator(code)?.valueUnit ?? 'percent');
  const sections: LocalizedText[] = [
    {
      vi: `Bản tin tuần cho "${context.subscriptionName}", từ ${first.vi} đến ${last.vi}.`,
      en: `Weekly digest for "${context.subscriptionName}", ${first.en} to ${last.en}.`,
    },
    { vi: '', en: '' },
    { vi: `1. Dưới lộ trình (${digest.behindCount}):`, en: `1. Below trajectory (${digest.behindCount}):` },
    ...digest.behind.map((b) => {
      const [v, expected, status, indicator] = [
        value(b.indicator, b.value),
        value(b.indicator, b.expected),
        STATUS_NAMES[b.status],
        indicatorName(b.indicator),
      ];
      return {
        vi: `- ${indicator.vi}: ${name(b.unit, b.hierarchyVersion)}, kỳ ${b.period} — ${v.vi}${b.expected !== undefined ? ` (kỳ vọng ${expected.vi})` : ''}, ${status.vi}`,
        en: `- ${indicator.en}: ${name(b.unit, b.hierarchyVersion)}, ${b.period} — ${v.en}${b.expected !== undefined ? ` (expected ${expected.en})` : ''}, ${status.en}`,
      };
    }),
    ...(digest.behindCount > digest.behind.length
      ? [{ vi: `- … và ${digest.behindCount - digest.behind.length} kết quả khác`, en: `- … and ${digest.behindCount - digest.behind.length} more` }]
      : []),
    ...(digest.behindCount === 0 ? [{ vi: '- Không có đơn vị nào dưới lộ trình.', en: '- No unit is below its trajectory.' }] : []),
    { vi: '', en: '' },
    { vi: '2. Xã, phường xếp hạng thấp nhất:', en: '2. Lowest-ranked communes and wards:' },
    ...digest.lowestRanked.map((r) => {
      const indicator = indicatorName(r.indicator);
      const places = (lang: 'vi' | 'en') =>
        r.lowest
          .map((l) => `${name(l.unit, r.hierarchyVersion)} ${value(r.indicator, l.value)[lang]} (${lang === 'vi' ? 'hạng' : 'rank'} ${l.rank}/${r.ranked})`)
          .join('; ');
      return { vi: `- ${indicator.vi}, kỳ ${r.period}: ${places('vi')}`, en: `- ${indicator.en}, ${r.period}: ${places('en')}` };
    }),
    ...(digest.lowestRanked.length === 0 ? [{ vi: '- Chưa đủ số liệu để xếp hạng.', en: '- Not enough values to rank.' }] : []),
    { vi: '', en: '' },
    { vi: `3. Cảnh báo đang mở (${digest.openAlerts.length}):`, en: `3. Open alerts (${digest.openAlerts.length}):` },
    ...digest.openAlerts.map((alert) => {
      const [message, fired, severity] = [alertMessage(alert, context), formatVietnamTime(alert.firedAt), SEVERITY_NAMES[alert.severity]];
      const ack = alert.acknowledgement;
      return {
        vi: `- [${severity.vi}] ${message.vi} (phát lúc ${fired.vi}${ack ? `; đã xác nhận: ${ack.by}` : '; chưa xác nhận'})`,
        en: `- [${severity.en}] ${message.en} (fired ${fired.en}${ack ? `; acknowledged by ${ack.by}` : '; not acknowledged'})`,
      };
    }),
    ...(digest.openAlerts.length === 0 ? [{ vi: '- Không có.', en: '- None.' }] : []),
    { vi: '', en: '' },
    { vi: `4. Báo cáo quá hạn (${digest.overdueReports.length}):`, en: `4. Overdue reports (${digest.overdueReports.length}):` },
    ...digest.overdueReports.map((alert) => {
      const measure = catalogue.measure(alert.subject);
      return {
        vi: `- ${alert.subject}${measure ? ` (${measure.name.vi})` : ''} — ${name(alert.unit, alert.hierarchyVersion)}: kỳ ${alert.openPeriods.join(', ')}`,
        en: `- ${alert.subject}${measure ? ` (${measure.name.en})` : ''} — ${name(alert.unit, alert.hierarchyVersion)}: ${alert.openPeriods.join(', ')}`,
      };
    }),
    ...(digest.overdueReports.length === 0 ? [{ vi: '- Không có.', en: '- None.' }] : []),
    { vi: '', en: '' },
    { vi: `Đã khắc phục trong tuần: ${digest.resolvedInWeek} cảnh báo.`, en: `Resolved during the week: ${digest.resolvedInWeek} alerts.` },
  ];
  const lines = { vi: sections.map((s) => s.vi), en: sections.map((s) => s.en) };
  return { subject, lines, subjectLine: `${subject.vi} / ${subject.en}`, text: bilingualText(lines) };
}

interface ScopedValue {
  readonly value: IndicatorValue;
  readonly indicator: Indicator;
  readonly version: string;
}

// The in-scope values of each indicator's latest period at its own frequency (not in the future).
function currentValues(input: WeeklyDigestInput, catalogue: Catalogue): ScopedValue[] {
  const { subscription, hierarchies, now } = input;
  const scoped: ScopedValue[] = [];
  for (const value of input.values) {
    const indicator = catalogue.indicator(value.indicator);
    if (!indicator || toPeriod(value.period).frequency !== indicator.frequency || periodStart(value.period) > now) continue;
    const version = hierarchies.inForce(value.period).id;
    if (!coversSubject(subscription.scope, { kind: 'status_slip', subject: indicator.code }, catalogue)) continue;
    if (!coversUnit(subscription.scope, value.unit, version, hierarchies)) continue;
    scoped.push({ value, indicator, version });
  }
  const latest = new Map<string, number>();
  for (const { value } of scoped) latest.set(value.indicator, Math.max(latest.get(value.indicator) ?? -Infinity, periodStart(value.period).getTime()));
  return scoped.filter(({ value }) => periodStart(value.period).getTime() === latest.get(value.indicator));
}

function lowestRanked(current: readonly ScopedValue[], limit: number, hierarchies: HierarchyRegistry): CommuneRanking[] {
  const byIndicator = new Map<string, ScopedValue[]>();
  for (const scoped of current) {
    const unit = hierarchies.version(scoped.version)?.get(scoped.value.unit);
    if (unit?.level !== 3 || scoped.value.value === null) continue;
    byIndicator.set(scoped.indicator.code, [...(byIndicator.get(scoped.indicator.code) ?? []), scoped]);
  }
  const rankings: CommuneRanking[] = [];
  for (const [code, values] of [...byIndicator].sort(([a], [b]) => a.localeCompare(b))) {
    if (values.length < 2) continue;
    const better = values[0].indicator.higherIsBetter ? -1 : 1;
    const sorted = [...values].sort((a, b) => better * ((a.value.value as number) - (b.value.value as number)) || a.value.unit.localeCompare(b.value.unit));
    // Competition ranking: equal values share a place ("1224").
    const ranked = sorted.map((s) => ({
      unit: s.value.unit,
      value: s.value.value as number,
      rank: 1 + sorted.findIndex((o) => o.value.value === s.value.value),
    }));
    rankings.push({
      indicator: code,
      period: values[0].value.period,
      hierarchyVersion: values[0].version,
      ranked: ranked.length,
      lowest: ranked.slice(-limit).reverse(),
    });
  }
  return rankings;
}

function shortfall({ value, indicator }: ScopedValue): number {
  if (value.value === null || value.expected === undefined) return 0;
  return indicator.higherIsBetter ? value.expected - value.value : value.value - value.expected;
}

function compareRef(a: IndicatorValue, b: IndicatorValue): number {
  return a.indicator.localeCompare(b.indicator) || a.unit.localeCompare(b.unit);
}
