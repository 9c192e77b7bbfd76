import { AlertAcknowledgedV1 } from '../alert-acknowledged/alert-acknowledged.v1.schema';
import { AlertEscalatedV1 } from '../alert-escalated/alert-escalated.v1.schema';
import { AlertFiredV1 } from '../alert-fired/alert-fired.v1.schema';
import { AlertResolvedV1 } from '../alert-resolved/alert-resolved.v1.schema';
import { CONTRACTS_BY_TOPIC } from '../contracts-by-topic.constant';
import { decodeEvent, encodeEvent } from '../serde';
import { TOPICS } from '../topics.constant';

const slipAlert = {
  id: 'status_slip:SOC-01:quarter:31117:2024-11:1',
  kind: 'status_slip' as const,
  indicator: 'SOC-01',
  status: 'off_track' as const,
  value: 61.5,
  expected: 88,
  unit: '31117',
  hierarchyVersion: '2024-11',
  frequency: 'quarter' as const,
  period: '2025-Q2',
  severity: 'critical' as const,
  state: 'firing' as const,
  message: { vi: 'SOC-01 chậm tiến độ', en: 'SOC-01 is off track' },
  firedAt: '2025-07-01T01:00:00.000Z',
  escalationLevel: 0,
  changedAt: '2025-07-01T01:00:00.000Z',
};

const overdueAlert = {
  id: 'overdue:households.fibre:quarter:31117:2024-11:1',
  kind: 'overdue' as const,
  measure: 'households.fibre',
  openPeriods: ['2025-Q2'],
  unit: '31117',
  hierarchyVersion: '2024-11',
  frequency: 'quarter' as const,
  period: '2025-Q2',
  severity: 'warning' as const,
  state: 'firing' as const,
  message: { vi: 'Quá hạn báo cáo', en: 'Report overdue' },
  firedAt: '2025-07-16T00:00:00.000Z',
  escalationLevel: 0,
  changedAt: '2025-07-16T00:00:00.000Z',
};

const alerts = CONTRACTS_BY_TOPIC[TOPICS.alerts];

describe('dx.alerts.v1 lifecycle events', () => {
  it('should round-trip a fired alert of either kind keyed by the alert id', () => {
    for (const alert of [slipAlert, overdueAlert]) {
      const message = encodeEvent(AlertFiredV1, alert, { source: '/dx/notification' });
      expect(message.key).toBe(alert.id);
      const decoded = decodeEvent(alerts, message.value);
      expect(decoded.ok && decoded.contract.type).toBe('vn.cantho.dx.alert.fired.v1');
      expect(decoded.ok && decoded.event.data).toEqual(alert);
    }
  });

  it('should require the acknowledgement on an acknowledged event', () => {
    const acknowledged = { ...slipAlert, state: 'acknowledged' as const, acknowledgedAt: '2025-07-01T02:00:00.000Z', acknowledgedBy: 'Nguyễn Văn An' };
    expect(encodeEvent(AlertAcknowledgedV1, acknowledged, { source: 's' }).key).toBe(slipAlert.id);
    const { acknowledgedBy: _by, ...withoutBy } = acknowledged;
    expect(() => encodeEvent(AlertAcknowledgedV1, withoutBy as never, { source: 's' })).toThrow(/data\.acknowledgedBy/);
  });

  it('should require a level of at least one and the unit escalated to on an escalated event', () => {
    const escalated = { ...slipAlert, escalationLevel: 1, escalatedAt: '2025-07-02T01:00:00.000Z', escalatedTo: '916' };
    expect(() => encodeEvent(AlertEscalatedV1, escalated, { source: 's' })).not.toThrow();
    expect(() => encodeEvent(AlertEscalatedV1, { ...escalated, escalationLevel: 0 }, { source: 's' })).toThrow(/data\.escalationLevel/);
  });

  it('should require how a resolved alert ended', () => {
    const resolved = {
      ...overdueAlert,
      state: 'resolved' as const,
      openPeriods: [],
      resolvedAt: '2025-07-20T00:00:00.000Z',
      resolution: 'report_received' as const,
    };
    expect(() => encodeEvent(AlertResolvedV1, resolved, { source: 's' })).not.toThrow();
    expect(() => encodeEvent(AlertResolvedV1, { ...resolved, resolution: undefined } as never, { source: 's' })).toThrow(/data\.resolution/);
    expect(() => encodeEvent(AlertResolvedV1, { ...resolved, state: 'firing' } as never, { source: 's' })).toThrow(/data\.state/);
  });

  it('should refuse an indicator alert without its indicator and an overdue alert without its measure', () => {
    const { indicator: _indicator, ...noIndicator } = slipAlert;
    expect(() => encodeEvent(AlertFiredV1, noIndicator as never, { source: 's' })).toThrow(/data\.indicator/);
    const { measure: _measure, ...noMeasure } = overdueAlert;
    expect(() => encodeEvent(AlertFiredV1, noMeasure as never, { source: 's' })).toThrow(/data\.measure/);
  });
});
