import { IndicatorValue } from '../computation/indicator-value.type';
import { Status } from '../targets/target.util';
import { HierarchyRegistry, TWO_LEVEL_VERSION_ID } from '../units/hierarchy-registry';
import { decideAlert } from './alert-lifecycle.util';
import { AlertSubscription } from './alert-routing.util';
import { Alert, StatusChange } from './alert.type';
import { buildWeeklyDigest, nextWeeklyDigestAt, weeklyDigestMessage, weeklyDigestWindow } from './weekly-digest.util';

const hierarchies = HierarchyRegistry.withDefaults();
hierarchies.activate(TWO_LEVEL_VERSION_ID);
const vn = (local: string) => new Date(`${local}+07:00`);
const now = vn('2025-10-22T10:00:00');

function value(indicator: string, unit: string, period: string, v: number | null, status: Status, expected?: number): IndicatorValue {
  return {
    indicator,
    unit,
    period,
    value: v,
    status,
    ...(expected !== undefined ? { expected } : {}),
    coverage: { reported: 1, expected: 1 },
    hierarchyVersion: TWO_LEVEL_VERSION_ID,
  };
}

function subscription(units: string[], includeDescendants = true, minSeverity: AlertSubscription['minSeverity'] = 'info'): AlertSubscription {
  return { id: 'sub-1', scope: { units, includeDescendants }, minSeverity, channels: ['email', 'inbox'] };
}

function alertFrom(change: Partial<StatusChange> & Pick<StatusChange, 'kind' | 'unit' | 'eventId' | 'detectedAt'>, resolveAt?: Date): Alert {
  const base =
    change.kind === 'overdue'
      ? { measure: 'work_records.total', period: '2025-09', dueDate: '2025-10-10', severity: 'warning' as const }
      : { indicator: 'SOC-01', period: '2025-Q3', status: 'at_risk' as const, value: 84.5, expected: 87, severity: 'warning' as const };
  const full = { ...base, hierarchyVersion: TWO_LEVEL_VERSION_ID, ...change } as StatusChange;
  let alerts = decideAlert([], { type: 'status_changed', change: full, at: full.detectedAt }, { hierarchies }).alerts;
  if (resolveAt) {
    const recovery =
      full.kind === 'overdue'
        ? { ...full, kind: 'overdue_cleared' as const, eventId: `${full.eventId}-end`, detectedAt: resolveAt, severity: 'info' as const }
        : {
            ...full,
            kind: 'status_recovered' as const,
            status: 'on_track' as const,
            eventId: `${full.eventId}-end`,
            detectedAt: resolveAt,
            severity: 'info' as const,
          };
    alerts = decideAlert(alerts, { type: 'status_changed', change: recovery as StatusChange, at: resolveAt }, { hierarchies }).alerts;
  }
  return alerts[0];
}

// SOC-01, third quarter of 2025 (2025 version: communes directly under the city).
const values: IndicatorValue[] = [
  value('SOC-01', '92', '2025-Q3', 88, 'at_risk', 90),
  value('SOC-01', '31120', '2025-Q3', 84.5, 'at_risk', 87),
  value('SOC-01', '31135', '2025-Q3', 70, 'off_track', 87),
  value('SOC-01', '31147', '2025-Q3', 95, 'achieved', 87),
  value('SOC-01', '31150', '2025-Q3', 80, 'off_track', 87),
  // An earlier quarter (three-level version) and a yearly value: not the latest quarter.
  value('SOC-01', '31117', '2025-Q2', 60, 'off_track', 86),
  value('SOC-01', '31120', '2024', 50, 'off_track', 80),
  value('GOV-04', '31120', '2025-09', null, 'no_data'),
];

describe('weeklyDigestWindow', () => {
  it('should cover the last full Monday-to-Monday week in Vietnam time', () => {
    expect(weeklyDigestWindow(now)).toEqual({ from: vn('2025-10-13T00:00:00'), to: vn('2025-10-20T00:00:00') });
    expect(weeklyDigestWindow(vn('2025-10-20T00:00:00'))).toEqual({ from: vn('2025-10-13T00:00:00'), to: vn('2025-10-20T00:00:00') });
    expect(weeklyDigestWindow(vn('2025-10-19T23:59:00'))).toEqual({ from: vn('2025-10-06T00:00:00'), to: vn('2025-10-13T00:00:00') });
  });
});

describe('nextWeeklyDigestAt', () => {
  it.each([
    ['a Sunday', '2025-10-19T12:00:00', '2025-10-20T08:00:00'],
    ['a Monday before 08:00', '2025-10-20T07:00:00', '2025-10-20T08:00:00'],
    ['a Monday at 08:00', '2025-10-20T08:00:00', '2025-10-27T08:00:00'],
    ['the week before National Day (Monday 1/9/2025 is a holiday)', '2025-08-28T12:00:00', '2025-09-03T07:00:00'],
    ['the week before Tết 2026 (Monday 16/2 is 29 Chạp)', '2026-02-12T12:00:00', '2026-02-21T07:00:00'],
  ])('should send after %s on %s', (_case, after, expected) => {
    expect(nextWeeklyDigestAt(vn(after))).toEqual(vn(expected));
  });
});

describe('buildWeeklyDigest', () => {
  const alerts = [
    alertFrom({ kind: 'status_slip', unit: '31135', eventId: 'a', detectedAt: vn('2025-10-15T09:00:00'), status: 'off_track', severity: 'critical' }),
    alertFrom({ kind: 'status_slip', unit: '31120', eventId: 'b', detectedAt: vn('2025-10-14T09:00:00') }),
    alertFrom({ kind: 'overdue', unit: '31150', eventId: 'c', detectedAt: vn('2025-10-11T00:00:00') }),
    alertFrom({ kind: 'status_slip', unit: '31147', eventId: 'd', detectedAt: vn('2025-10-01T09:00:00') }, vn('2025-10-16T09:00:00')),
    alertFrom({ kind: 'status_slip', unit: '31153', eventId: 'e', detectedAt: vn('2025-09-01T09:00:00') }, vn('2025-10-02T09:00:00')),
  ];

  it('should list who is behind, the lowest-ranked communes and the open, overdue and resolved alerts of a city-wide scope', () => {
    const digest = buildWeeklyDigest({ subscription: subscription(['92']), values, alerts, now, hierarchies, limits: { behind: 3, lowestRanked: 2 } });
    expect(digest.from).toEqual(vn('2025-10-13T00:00:00'));
    expect(digest.behind.map((b) => [b.unit, b.status])).toEqual([
      ['31135', 'off_track'],
      ['31150', 'off_track'],
      ['31120', 'at_risk'],
    ]);
    expect(digest.behindCount).toBe(4);
    expect(digest.lowestRanked).toEqual([
      {
        indicator: 'SOC-01',
        period: '2025-Q3',
        hierarchyVersion: '2025-07',
        ranked: 4,
        lowest: [
          { unit: '31135', value: 70, rank: 4 },
          { unit: '31150', value: 80, rank: 3 },
        ],
      },
    ]);
    expect(digest.openAlerts.map((a) => [a.unit, a.severity])).toEqual([
      ['31135', 'critical'],
      ['31120', 'warning'],
    ]);
    expect(digest.overdueReports.map((a) => a.unit)).toEqual(['31150']);
    expect(digest.resolvedInWeek).toBe(1);
  });

  it('should keep to a commune’s own scope and minimum severity', () => {
    const digest = buildWeeklyDigest({ subscription: subscription(['31120'], false, 'critical'), values, alerts, now, hierarchies });
    expect(digest.behind.map((b) => b.unit)).toEqual(['31120']);
    expect(digest.lowestRanked).toEqual([]);
    expect(digest.openAlerts).toEqual([]);
  });

  it("should show a Ninh Kiều subscription the old district's communes, from the last quarter they existed", () => {
    const digest = buildWeeklyDigest({ subscription: subscription(['916']), values, alerts, now, hierarchies });
    expect(digest.behind.map((b) => [b.unit, b.period, b.hierarchyVersion])).toEqual([['31117', '2025-Q2', '2024-11']]);
    expect(digest.openAlerts).toEqual([]);
  });
});

describe('weeklyDigestMessage', () => {
  it('should word the digest in Vietnamese then English, with values per language', () => {
    const digest = buildWeeklyDigest({ subscription: subscription(['92']), values, alerts: [], now, hierarchies, limits: { behind: 1, lowestRanked: 1 } });
    const message = weeklyDigestMessage(digest, { hierarchies, subscriptionName: 'Văn phòng Chuyển đổi số thành phố' });
    expect(message.subject).toEqual({
      vi: 'Bản tin tuần 13/10/2025–19/10/2025: 4 kết quả dưới lộ trình, 0 cảnh báo đang mở, 0 báo cáo quá hạn',
      en: 'Weekly digest 13 Oct 2025 – 19 Oct 2025: 4 below trajectory, 0 open alerts, 0 overdue reports',
    });
    expect(message.lines.vi).toEqual(
      expect.arrayContaining([
        'Bản tin tuần cho "Văn phòng Chuyển đổi số thành phố", từ 13/10/2025 đến 19/10/2025.',
        '- SOC-01 Tỷ lệ hộ gia đình có cáp quang băng rộng: Phường Ninh Kiều (31135), kỳ 2025-Q3 — 70\u00a0% (kỳ vọng 87\u00a0%), chậm tiến độ',
        '- … và 3 kết quả khác',
        '- SOC-01 Tỷ lệ hộ gia đình có cáp quang băng rộng, kỳ 2025-Q3: Phường Ninh Kiều (31135) 70\u00a0% (hạng 4/4)',
        '- Không có.',
      ]),
    );
    expect(message.lines.en).toContain('- SOC-01 Households with fibre broadband: Phường Ninh Kiều (31135), 2025-Q3 — 70% (expected 87%), off track');
    expect(message.text.indexOf('Bản tin tuần')).toBeLessThan(message.text.indexOf('Weekly digest'));
  });
});
