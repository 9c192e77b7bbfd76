import { decodeEvent, encodeEvent, EventContract, IndicatorComputedV1, IndicatorStatusChangedV1, ReportOverdueV1 } from './index';

// ADR 0018: producers always state the hierarchy version `unit` is read in; consumers still take the
// events stored on the topics before it was carried.

// What every event of these topics says: where, when, and the version `unit` is read in.
const about = { unit: '916', period: '2025-Q2', hierarchyVersion: '2024-11' };
const computed = {
  ...about,
  indicator: 'SOC-01',
  value: 84.2,
  status: 'at_risk' as const,
  coverage: { reported: 11, expected: 11 },
  computedAt: '2025-07-01T01:00:00Z',
};
const change = { ...about, severity: 'warning' as const, detectedAt: '2025-07-01T00:00:00Z' };
const slip = { ...change, kind: 'status_slip' as const, indicator: 'SOC-01', status: 'off_track' as const };
const overdue = { ...change, kind: 'overdue' as const, measure: 'work_records.total' };

const EVENTS: ReadonlyArray<[string, EventContract<unknown, unknown>, Record<string, unknown>]> = [
  ['indicator computed', IndicatorComputedV1, computed],
  ['status slip', IndicatorStatusChangedV1, slip],
  ['status recovered', IndicatorStatusChangedV1, { ...slip, kind: 'status_recovered', status: 'on_track' }],
  ['regression', IndicatorStatusChangedV1, { ...slip, kind: 'regression' }],
  ['overdue', ReportOverdueV1, overdue],
  ['overdue cleared', ReportOverdueV1, { ...overdue, kind: 'overdue_cleared' }],
];

function withoutVersion(data: Record<string, unknown>): Record<string, unknown> {
  const { hierarchyVersion: _version, ...rest } = data;
  return rest;
}

describe('hierarchyVersion on dx.indicator-values.v1 and dx.indicator-status.v1', () => {
  it.each(EVENTS)('should refuse to encode a %s event without hierarchyVersion', (_name, contract, data) => {
    expect(() => encodeEvent(contract, withoutVersion(data), { source: '/dx/computation' })).toThrow(/data\.hierarchyVersion/);
  });

  it.each(EVENTS)('should decode a %s event published before the version was carried', (_name, contract, data) => {
    const envelope = JSON.parse(encodeEvent(contract, data, { source: '/dx/computation' }).value);
    envelope.data = withoutVersion(envelope.data);

    const decoded = decodeEvent(contract, JSON.stringify(envelope));

    expect(decoded.ok && decoded.event.data).toEqual(withoutVersion(data));
  });

  it.each(EVENTS)('should round-trip a %s event with its hierarchyVersion', (_name, contract, data) => {
    const decoded = decodeEvent(contract, encodeEvent(contract, data, { source: '/dx/computation' }).value);

    expect(decoded.ok && decoded.event.data).toEqual(data);
  });

  it('should still refuse a malformed hierarchyVersion when decoding', () => {
    const envelope = JSON.parse(encodeEvent(IndicatorComputedV1, computed, { source: 's' }).value);
    envelope.data.hierarchyVersion = '';

    const decoded = decodeEvent(IndicatorComputedV1, JSON.stringify(envelope));

    expect(!decoded.ok && decoded.error.path).toBe('data.hierarchyVersion');
  });
});
