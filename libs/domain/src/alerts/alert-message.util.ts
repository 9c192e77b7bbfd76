import { Catalogue } from '../catalogue/catalogue';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { PILLARS } from '../catalogue/pillars.constant';
import { LocalizedText } from '../shared/localized-text.type';
import { describeSlip, OverdueEvent, StatusEvent } from '../slips/slip.util';
import { HierarchyRegistry } from '../units/hierarchy-registry';
import { formatVietnamTime, SEVERITY_NAMES, STATUS_NAMES } from './alert-format.util';
import { Alert, AlertKind, NotificationOrder, NotificationReason } from './alert.type';

/** What messages need besides the alert: unit names (per version), the catalogue and a link. */
export interface MessageContext {
  readonly hierarchies: HierarchyRegistry;
  readonly catalogue?: Catalogue;
  /** The alert's page on the dashboard, when there is one. */
  readonly alertLink?: (alertId: string) => string;
}

/** A message in both languages, Vietnamese first: as parts (for HTML) and as plain text. */
export interface ComposedMessage {
  readonly subject: LocalizedText;
  readonly lines: { readonly vi: readonly string[]; readonly en: readonly string[] };
  /** `"<vi> / <en>"`, for an e-mail's Subject header. */
  readonly subjectLine: string;
  /** The Vietnamese lines, a rule, the English lines. */
  readonly text: string;
}

const REASONS: Readonly<Record<NotificationReason, LocalizedText>> = {
  fired: { vi: 'Cảnh báo mới', en: 'New alert' },
  repeat: { vi: 'Nhắc lại', en: 'Reminder' },
  escalated: { vi: 'Chuyển cấp', en: 'Escalated' },
  worsened: { vi: 'Xấu đi', en: 'Worsened' },
  revised: { vi: 'Số liệu điều chỉnh', en: 'Revised' },
  resolved: { vi: 'Đã khắc phục', en: 'Resolved' },
};

const KINDS: Readonly<Record<AlertKind, LocalizedText>> = {
  status_slip: { vi: 'chậm so với lộ trình', en: 'behind its trajectory' },
  regression: { vi: 'giảm so với kỳ trước', en: 'fell against the previous period' },
  overdue: { vi: 'quá hạn báo cáo', en: 'report overdue' },
};

/**
 * The alert's one-line text (the contract's `message`): `describeSlip` of its current facts with the
 * unit's name in the alert's own hierarchy version.
 */
export function alertMessage(alert: Alert, context: MessageContext): LocalizedText {
  return describeSlip(alert.facts, context.catalogue ?? DEFAULT_CATALOGUE, unitName(alert.unit, alert.hierarchyVersion, context.hierarchies));
}

/** Subject and body of a notification, in Vietnamese then English. */
export function notificationMessage(order: NotificationOrder, alert: Alert, context: MessageContext): ComposedMessage {
  if (order.alertId !== alert.id) throw new RangeError(`notification ${order.id} is not about alert ${alert.id}`);
  const catalogue = context.catalogue ?? DEFAULT_CATALOGUE;
  const name = unitName(alert.unit, alert.hierarchyVersion, context.hierarchies);
  const severity = SEVERITY_NAMES[order.severity];
  const reason = REASONS[order.reason];
  const what = headlineOf(alert);
  const subject = {
    vi: `[${severity.vi}] ${reason.vi}: ${what.vi} — ${name ?? alert.unit}, kỳ ${order.period}`,
    en: `[${severity.en}] ${reason.en}: ${what.en} — ${name ?? alert.unit}, ${order.period}`,
  };
  const describe = (event: StatusEvent | OverdueEvent) => describeSlip(event, catalogue, name);
  const lead = leadLines(order, alert, describe(alert.facts), describe, context);
  const facts = factLines(alert, catalogue, context);
  const link = context.alertLink?.(alert.id);
  const linkLine = link
    ? order.reason === 'resolved' || alert.state !== 'firing'
      ? { vi: `Xem chi tiết: ${link}`, en: `Details: ${link}` }
      : { vi: `Xem và xác nhận để dừng nhắc lại: ${link}`, en: `View and acknowledge to stop reminders: ${link}` }
    : undefined;
  const lines = {
    vi: [...lead.map((l) => l.vi), '', ...facts.map((l) => l.vi), ...(linkLine ? [linkLine.vi] : []), `Mã cảnh báo: ${alert.id}`],
    en: [...lead.map((l) => l.en), '', ...facts.map((l) => l.en), ...(linkLine ? [linkLine.en] : []), `Alert id: ${alert.id}`],
  };
  return { subject, lines, subjectLine: `${subject.vi} / ${subject.en}`, text: bilingualText(lines) };
}

/** The unit's official name in `hierarchyVersion`, if that version has it. */
export function unitName(unit: string, hierarchyVersion: string, hierarchies: HierarchyRegistry): string | undefined {
  return hierarchies.version(hierarchyVersion)?.get(unit)?.name;
}

/** `Phường Cái Khế (31117), Quận Ninh Kiều, Thành phố Cần Thơ`: the unit and its ancestors in the version. */
export function unitLabel(unit: string, hierarchyVersion: string, hierarchies: HierarchyRegistry): string {
  const version = hierarchies.version(hierarchyVersion);
  if (!version?.has(unit)) return unit;
  return [`${version.get(unit)?.name} (${unit})`, ...version.ancestors(unit).map((a) => a.name)].join(', ');
}

/** Vietnamese lines, a rule, English lines. */
export function bilingualText(lines: { readonly vi: readonly string[]; readonly en: readonly string[] }): string {
  return [...lines.vi, '', '———', '', ...lines.en].join('\n');
}

function headlineOf(alert: Alert): LocalizedText {
  if (alert.kind === 'overdue') return { vi: `${KINDS.overdue.vi} ${alert.subject}`, en: `${KINDS.overdue.en}: ${alert.subject}` };
  const facts = alert.facts;
  if (alert.kind === 'status_slip' && facts.kind === 'status_slip') {
    return { vi: `${alert.subject} ${STATUS_NAMES[facts.status].vi}`, en: `${alert.subject} ${STATUS_NAMES[facts.status].en}` };
  }
  return { vi: `${alert.subject} ${KINDS[alert.kind].vi}`, en: `${alert.subject} ${KINDS[alert.kind].en}` };
}

function leadLines(
  order: NotificationOrder,
  alert: Alert,
  current: LocalizedText,
  describe: (event: StatusEvent | OverdueEvent) => LocalizedText,
  context: MessageContext,
): LocalizedText[] {
  const fired = formatVietnamTime(alert.firedAt);
  switch (order.reason) {
    case 'fired':
      return [current];
    case 'repeat':
      return [{ vi: `Cảnh báo phát lúc ${fired.vi} vẫn chưa được xác nhận.`, en: `The alert fired at ${fired.en} is not acknowledged yet.` }, current];
    case 'escalated': {
      const target = order.audience[0];
      const label = unitLabel(target, alert.hierarchyVersion, context.hierarchies);
      return [
        {
          vi: `Cảnh báo phát lúc ${fired.vi} chưa được xác nhận nên được chuyển lên ${label}.`,
          en: `The alert fired at ${fired.en} was not acknowledged and is escalated to ${label}.`,
        },
        current,
      ];
    }
    case 'worsened':
      return [{ vi: `Mức độ nâng lên "${SEVERITY_NAMES[order.severity].vi}".`, en: `Severity raised to "${SEVERITY_NAMES[order.severity].en}".` }, current];
    case 'revised': {
      const revised = order.change ? describe(order.change) : current;
      const state =
        alert.state === 'resolved' && alert.resolvedAt
          ? {
              vi: `Cảnh báo của chuỗi số liệu này đã được khắc phục lúc ${formatVietnamTime(alert.resolvedAt).vi}.`,
              en: `This series' alert was resolved at ${formatVietnamTime(alert.resolvedAt).en}.`,
            }
          : { vi: `Tình hình hiện tại: ${current.vi}`, en: `Current situation: ${current.en}` };
      return [
        {
          vi: `Số liệu kỳ ${order.period} đã được điều chỉnh sau khi có báo cáo muộn.`,
          en: `The figures for ${order.period} were revised after a late report.`,
        },
        revised,
        state,
      ];
    }
    case 'resolved':
      if (alert.resolution === 'no_further_fall') {
        return [
          { vi: 'Không giảm thêm đến hạn báo cáo kỳ sau; cảnh báo tự đóng.', en: 'No further fall by the next report’s due date; the alert closed itself.' },
          current,
        ];
      }
      return [current];
  }
}

function factLines(alert: Alert, catalogue: Catalogue, context: MessageContext): LocalizedText[] {
  const lines: LocalizedText[] = [
    {
      vi: `Đơn vị: ${unitLabel(alert.unit, alert.hierarchyVersion, context.hierarchies)}`,
      en: `Unit: ${unitLabel(alert.unit, alert.hierarchyVersion, context.hierarchies)}`,
    },
  ];
  if (alert.kind === 'overdue') {
    const measure = catalogue.measure(alert.subject);
    lines.push({
      vi: `Số liệu: ${alert.subject}${measure ? ` — ${measure.name.vi}` : ''}`,
      en: `Measure: ${alert.subject}${measure ? ` — ${measure.name.en}` : ''}`,
    });
    if (alert.openPeriods.length > 0)
      lines.push({ vi: `Kỳ chưa báo cáo: ${alert.openPeriods.join(', ')}`, en: `Periods not reported: ${alert.openPeriods.join(', ')}` });
  } else {
    const indicator = catalogue.indicator(alert.subject);
    const pillar = indicator ? PILLARS[indicator.pillar] : undefined;
    lines.push({
      vi: `Chỉ tiêu: ${alert.subject}${indicator ? ` — ${indicator.name.vi}` : ''}${pillar ? ` (${pillar.vi})` : ''}`,
      en: `Indicator: ${alert.subject}${indicator ? ` — ${indicator.name.en}` : ''}${pillar ? ` (${pillar.en})` : ''}`,
    });
  }
  lines.push({ vi: `Mức độ: ${SEVERITY_NAMES[alert.severity].vi}`, en: `Severity: ${SEVERITY_NAMES[alert.severity].en}` });
  const fired = formatVietnamTime(alert.firedAt);
  lines.push({ vi: `Phát lúc: ${fired.vi}`, en: `Fired: ${fired.en}` });
  if (alert.acknowledgement) {
    const at = formatVietnamTime(alert.acknowledgement.at);
    lines.push({ vi: `Đã xác nhận: ${alert.acknowledgement.by}, ${at.vi}`, en: `Acknowledged: ${alert.acknowledgement.by}, ${at.en}` });
  }
  if (alert.resolvedAt) {
    const at = formatVietnamTime(alert.resolvedAt);
    lines.push({ vi: `Khắc phục lúc: ${at.vi}`, en: `Resolved: ${at.en}` });
  }
  return lines;
}
