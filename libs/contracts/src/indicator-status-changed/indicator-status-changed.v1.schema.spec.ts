import { decodeEvent, encodeEvent } from '../serde';
import { IndicatorStatusChangedV1 } from './indicator-status-changed.v1.schema';
import { ReportOverdueV1 } from '../report-overdue/report-overdue.v1.schema';

const slip = {
  kind: 'status_slip' as const,
  indicator: 'SOC-01',
  unit: '31117',
  period: '2025-Q2',
  status: 'off_track' as const,
  previousStatus: 'on_track' as const,
  value: 61.5,
  expected: 88,
  severity: 'critical' as const,
  hierarchyVersion: '2024-11',
  detectedAt: '2025-07-01T01:00:00.000Z',
};

const overdue = {
  kind: 'overdue' as const,
  measure: 'households.fibre',
  unit: '31117',
  period: '2025-Q2',
  dueDate: '2025-07-15',
  severity: 'warning' as const,
  hierarchyVersion: '2024-11',
  detectedAt: '2025-07-16T00:00:00.000Z',
};

const both = [IndicatorStatusChangedV1, ReportOverdueV1] as const;

function payloadOf(message: { value: string }): Record<string, unknown> {
  return JSON.parse(message.value).data;
}

function decodeData(type: string, data: unknown) {
  return decodeEvent(
    both,
    JSON.stringify({ specversion: '1.0', id: 'e1', source: 's', type, time: '2025-07-01T00:00:00Z', datacontenttype: 'application/json', data }),
  );
}

describe('dx.indicator-status.v1 payloads', () => {
  it.each(['status_slip', 'status_recovered', 'regression'] as const)('should round-trip a %s event keyed by indicator:unit', (kind) => {
    const message = encodeEvent(IndicatorStatusChangedV1, { ...slip, kind }, { source: 's' });
    expect(message.key).toBe('SOC-01:31117');
    const decoded = decodeEvent(both, message.value);
    expect(decoded.ok && decoded.event.data).toEqual({ ...slip, kind });
  });

  it('should decode an event published before versions were carried', () => {
    const { hierarchyVersion: _version, ...withoutVersion } = slip;
    const decoded = decodeData(IndicatorStatusChangedV1.type, withoutVersion);
    expect(decoded.ok && decoded.event.data.hierarchyVersion).toBeUndefined();
  });

  it.each([
    ['indicator', 'data.indicator'],
    ['status', 'data.status'],
  ])('should refuse an indicator kind without %s', (field, path) => {
    const data: Record<string, unknown> = { ...slip };
    delete data[field];
    const decoded = decodeData(IndicatorStatusChangedV1.type, data);
    expect(!decoded.ok && decoded.error.path).toBe(path);
  });

  it('should refuse a kind of the other event type', () => {
    const decoded = decodeData(IndicatorStatusChangedV1.type, { ...overdue });
    expect(!decoded.ok && decoded.error.path).toBe('data.kind');
  });

  it.each(['overdue', 'overdue_cleared'] as const)('should round-trip a %s event keyed by measure:unit', (kind) => {
    const message = encodeEvent(ReportOverdueV1, { ...overdue, kind }, { source: 's' });
    expect(message.key).toBe('households.fibre:31117');
    expect(payloadOf(message)).toEqual({ ...overdue, kind });
  });

  it('should refuse an overdue kind without its measure', () => {
    const { measure: _measure, ...withoutMeasure } = overdue;
    const decoded = decodeData(ReportOverdueV1.type, withoutMeasure);
    expect(!decoded.ok && decoded.error.path).toBe('data.measure');
  });

  it('should type the indicator of an indicator kind as present', () => {
    const decoded = decodeEvent(IndicatorStatusChangedV1, encodeEvent(IndicatorStatusChangedV1, slip, { source: 's' }).value);
    // Compiles only because the schema per kind makes `indicator` a string, not `string | undefined`.
    const indicator: string = decoded.ok ? decoded.event.data.indicator : '';
    expect(indicator).toBe('SOC-01');
  });
});
