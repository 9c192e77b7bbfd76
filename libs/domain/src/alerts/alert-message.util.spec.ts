import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { describeSlip, OverdueEvent, StatusEvent } from '../slips/slip.util';
import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from '../units/hierarchy-registry';
import { formatIndicatorValue, formatVietnamDate, formatVietnamTime } from './alert-format.util';
import { decideAlert } from './alert-lifecycle.util';
import { alertMessage, MessageContext, notificationMessage, unitLabel } from './alert-message.util';
import { Alert, AlertDecision, AlertInput, StatusChange } from './alert.type';

const hierarchies = HierarchyRegistry.withDefaults();
hierarchies.activate(TWO_LEVEL_VERSION_ID);
const context: MessageContext = { hierarchies };
const vn = (local: string) => new Date(`${local}+07:00`);

const slip: StatusChange = {
  kind: 'status_slip',
  indicator: 'SOC-01',
  unit: '31120',
  period: '2025-Q3',
  status: 'at_risk',
  previousStatus: 'on_track',
  value: 84.5,
  previousValue: 88,
  expected: 87,
  severity: 'warning',
  eventId: 'e-1',
  hierarchyVersion: TWO_LEVEL_VERSION_ID,
  detectedAt: vn('2025-10-20T10:00:00'),
};

function decide(inputs: AlertInput[]): AlertDecision[] {
  const decisions: AlertDecision[] = [];
  let alerts: readonly Alert[] = [];
  for (const input of inputs) {
    const decision = decideAlert(alerts, input, { hierarchies });
    decisions.push(decision);
    alerts = decision.alerts;
  }
  return decisions;
}

describe('formatting', () => {
  it.each([
    [84.5, 'percent', '84,5\u00a0%', '84.5%'],
    [86, 'percent', '86\u00a0%', '86%'],
    [84.56, 'percent', '84,6\u00a0%', '84.6%'],
    [-3.25, 'percent', '-3,3\u00a0%', '-3.3%'],
    [12, 'rank', 'hạng 12', 'rank 12'],
    [null, 'percent', 'không có', 'none'],
  ] as const)('should write %s (%s) as "%s" in Vietnamese and "%s" in English', (value, unit, vi, en) => {
    expect(formatIndicatorValue(value, unit)).toEqual({ vi, en });
  });

  it('should write instants and days in Vietnam time', () => {
    expect(formatVietnamTime(new Date('2026-02-16T15:30:00Z'))).toEqual({ vi: '22:30 ngày 16/02/2026', en: '22:30 on 16 Feb 2026 (UTC+7)' });
    expect(formatVietnamDate(new Date('2025-12-31T17:00:00Z'))).toEqual({ vi: '01/01/2026', en: '1 Jan 2026' });
  });
});

describe('unitLabel', () => {
  it('should name a reused code after its version, with its ancestors', () => {
    expect(unitLabel('31120', TWO_LEVEL_VERSION_ID, hierarchies)).toBe('Phường Cái Khế (31120), Thành phố Cần Thơ');
    expect(unitLabel('31120', THREE_LEVEL_VERSION_ID, hierarchies)).toBe('Phường An Hòa (31120), Quận Ninh Kiều, Thành phố Cần Thơ');
    expect(unitLabel('99999', TWO_LEVEL_VERSION_ID, hierarchies)).toBe('99999');
  });
});

describe('notificationMessage', () => {
  const [first] = decide([{ type: 'status_changed', change: slip, at: slip.detectedAt }]);
  const alert = first.alert as Alert;

  it('should write the first notice in Vietnamese, then English, with the unit’s name with its diacritics', () => {
    const message = notificationMessage(first.notifications[0], alert, {
      ...context,
      alertLink: (id) => `http://localhost:3000/alerts/${encodeURIComponent(id)}`,
    });
    expect(message.subject).toEqual({
      vi: '[Cảnh báo] Cảnh báo mới: SOC-01 có nguy cơ chậm — Phường Cái Khế, kỳ 2025-Q3',
      en: '[Warning] New alert: SOC-01 at risk — Phường Cái Khế, 2025-Q3',
    });
    expect(message.subjectLine).toBe(`${message.subject.vi} / ${message.subject.en}`);
    const summary = describeSlip(slip as StatusEvent, DEFAULT_CATALOGUE, 'Phường Cái Khế');
    expect(message.lines.vi).toEqual([
      summary.vi,
      '',
      'Đơn vị: Phường Cái Khế (31120), Thành phố Cần Thơ',
      'Chỉ tiêu: SOC-01 — Tỷ lệ hộ gia đình có cáp quang băng rộng (Xã hội số)',
      'Mức độ: Cảnh báo',
      'Phát lúc: 10:00 ngày 20/10/2025',
      'Xem và xác nhận để dừng nhắc lại: http://localhost:3000/alerts/status_slip%3ASOC-01%3Aquarter%3A31120%3A2025-07%3A1',
      'Mã cảnh báo: status_slip:SOC-01:quarter:31120:2025-07:1',
    ]);
    expect(message.lines.en[0]).toBe(summary.en);
    expect(message.lines.en[3]).toBe('Indicator: SOC-01 — Households with fibre broadband (Digital society)');
    expect(message.text.indexOf(summary.vi)).toBeLessThan(message.text.indexOf(summary.en));
    expect(message.text).toContain('\n———\n');
  });

  it('should say to whom an alert is escalated and since when it waits', () => {
    const [, escalation] = decide([
      { type: 'status_changed', change: slip, at: slip.detectedAt },
      { type: 'tick', at: vn('2025-10-23T10:00:00') },
    ]);
    const message = notificationMessage(escalation.notifications[0], escalation.alert as Alert, context);
    expect(message.subject.vi).toBe('[Cảnh báo] Chuyển cấp: SOC-01 có nguy cơ chậm — Phường Cái Khế, kỳ 2025-Q3');
    expect(message.lines.vi[0]).toBe('Cảnh báo phát lúc 10:00 ngày 20/10/2025 chưa được xác nhận nên được chuyển lên Thành phố Cần Thơ (92).');
    expect(message.lines.en[0]).toBe('The alert fired at 10:00 on 20 Oct 2025 (UTC+7) was not acknowledged and is escalated to Thành phố Cần Thơ (92).');
  });

  it('should tell a revision with the revised period and the current situation', () => {
    const later: StatusChange = { ...slip, eventId: 'e-2', period: '2025-Q4', detectedAt: vn('2026-01-20T10:00:00') };
    const revision: StatusChange = { ...slip, eventId: 'e-3', status: 'off_track', severity: 'critical', value: 79, detectedAt: vn('2026-01-25T10:00:00') };
    const decisions = decide([
      { type: 'status_changed', change: slip, at: slip.detectedAt },
      { type: 'status_changed', change: later, at: later.detectedAt },
      { type: 'status_changed', change: revision, at: revision.detectedAt },
    ]);
    const revised = decisions[2];
    const message = notificationMessage(revised.notifications[0], revised.alert as Alert, context);
    expect(message.subject.en).toBe('[Warning] Revised: SOC-01 at risk — Phường Cái Khế, 2025-Q3');
    expect(message.lines.vi.slice(0, 3)).toEqual([
      'Số liệu kỳ 2025-Q3 đã được điều chỉnh sau khi có báo cáo muộn.',
      describeSlip(revision as StatusEvent, DEFAULT_CATALOGUE, 'Phường Cái Khế').vi,
      `Tình hình hiện tại: ${describeSlip(later as StatusEvent, DEFAULT_CATALOGUE, 'Phường Cái Khế').vi}`,
    ]);
  });

  it('should explain a regression that closed itself', () => {
    const fall: StatusChange = { ...slip, kind: 'regression', eventId: 'e-4', value: 83, previousValue: 86 };
    const [, expired] = decide([
      { type: 'status_changed', change: fall, at: fall.detectedAt },
      { type: 'tick', at: vn('2026-01-16T00:00:00') },
    ]);
    const message = notificationMessage(expired.notifications[0], expired.alert as Alert, context);
    expect(message.subject.vi).toBe('[Cảnh báo] Đã khắc phục: SOC-01 giảm so với kỳ trước — Phường Cái Khế, kỳ 2025-Q3');
    expect(message.lines.en[0]).toBe('No further fall by the next report’s due date; the alert closed itself.');
    expect(message.lines.vi).toContain('Khắc phục lúc: 00:00 ngày 16/01/2026');
  });

  it('should list the periods an overdue report is missing for', () => {
    const overdue: StatusChange = {
      kind: 'overdue',
      measure: 'work_records.total',
      unit: '31117',
      period: '2025-05',
      dueDate: '2025-06-10',
      severity: 'warning',
      eventId: 'e-5',
      hierarchyVersion: THREE_LEVEL_VERSION_ID,
      detectedAt: vn('2025-06-11T00:00:00'),
    } satisfies OverdueEvent & Partial<StatusChange>;
    const [fired] = decide([{ type: 'status_changed', change: overdue, at: overdue.detectedAt }]);
    const message = notificationMessage(fired.notifications[0], fired.alert as Alert, context);
    expect(message.subject.vi).toBe('[Cảnh báo] Cảnh báo mới: quá hạn báo cáo work_records.total — Phường Cái Khế, kỳ 2025-05');
    expect(message.lines.vi).toContain('Kỳ chưa báo cáo: 2025-05');
    expect(message.lines.vi).toContain('Đơn vị: Phường Cái Khế (31117), Quận Ninh Kiều, Thành phố Cần Thơ');
    expect(message.lines.vi[0]).toBe('Quá hạn báo cáo: Hồ sơ công việc do cơ quan của đơn vị xử lý kỳ 2025-05 của Phường Cái Khế (31117) (hạn 2025-06-10)');
  });

  it('should give the contract’s one-line message from describeSlip with the unit’s name', () => {
    expect(alertMessage(alert, context)).toEqual(describeSlip(slip as StatusEvent, DEFAULT_CATALOGUE, 'Phường Cái Khế'));
  });

  it('should refuse a notification of another alert', () => {
    expect(() => notificationMessage({ ...first.notifications[0], alertId: 'other' }, alert, context)).toThrow(RangeError);
  });
});
