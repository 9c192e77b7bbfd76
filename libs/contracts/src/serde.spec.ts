import { AlertFiredV1, decodeEvent, encodeEvent, IndicatorComputedV1, IndicatorStatusChangedV1, ObservationRecordedV1, ReportOverdueV1 } from './index';

const recorded = {
  observationId: 'obs-1',
  agency: 'vnpt',
  measure: 'households.fibre',
  unit: '31117',
  period: '2025-06',
  value: 4210,
  revision: 1,
  recordedAt: '2025-07-01T08:00:00.000+07:00',
};

const computed = {
  indicator: 'SOC-01',
  unit: '916',
  period: '2025-Q2',
  value: 84.2,
  numerator: 4210,
  denominator: 5000,
  target: { year: 2025, op: '>' as const, value: 90 },
  expected: 88,
  status: 'at_risk' as const,
  coverage: { reported: 11, expected: 11 },
  hierarchyVersion: '2024-11',
  computedAt: '2025-07-01T01:00:00.000Z',
};

describe('encodeEvent / decodeEvent', () => {
  it('should round-trip an observation-recorded event keyed by unit when the payload is valid', () => {
    const message = encodeEvent(ObservationRecordedV1, recorded, { source: '/dx/ingestion', id: 'obs-1:1' });
    expect(message.key).toBe('31117');
    expect(message.headers['content-type']).toContain('application/cloudevents+json');

    const decoded = decodeEvent(ObservationRecordedV1, Buffer.from(message.value));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.event).toMatchObject({
      specversion: '1.0',
      id: 'obs-1:1',
      source: '/dx/ingestion',
      type: 'vn.cantho.dx.observation.recorded.v1',
      subject: 'households.fibre/31117/2025-06',
      datacontenttype: 'application/json',
      data: recorded,
    });
  });

  it('should key indicator values by indicator:unit when encoding', () => {
    expect(encodeEvent(IndicatorComputedV1, computed, { source: '/dx/computation' }).key).toBe('SOC-01:916');
  });

  it('should pick the contract by type when a topic carries several types', () => {
    const overdue = {
      kind: 'overdue' as const,
      measure: 'work_records.total',
      unit: '916',
      period: '2025-05',
      severity: 'warning' as const,
      hierarchyVersion: '2024-11',
      detectedAt: '2025-06-11T00:00:00.000Z',
    };
    const message = encodeEvent(ReportOverdueV1, overdue, { source: '/dx/computation' });
    const decoded = decodeEvent([IndicatorStatusChangedV1, ReportOverdueV1] as const, message.value);
    expect(decoded.ok && decoded.contract.type).toBe('vn.cantho.dx.report.overdue.v1');
    expect(message.key).toBe('work_records.total:916');
  });

  it.each([
    ['not json', '{oops', 'malformed_json', ''],
    ['no value', null, 'malformed_json', ''],
    ['wrong specversion', JSON.stringify({ specversion: '0.3' }), 'invalid_envelope', 'specversion'],
    [
      'a time without zone',
      JSON.stringify({ ...JSON.parse(encodeEvent(ObservationRecordedV1, recorded, { source: 's' }).value), time: '2025-01-01T00:00:00' }),
      'invalid_envelope',
      'time',
    ],
  ])('should fail with %s', (_name, raw, code, path) => {
    const decoded = decodeEvent(ObservationRecordedV1, raw as string | null);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.code).toBe(code);
    expect(decoded.error.path).toBe(path);
  });

  it('should name the path of the wrong field when the payload is invalid', () => {
    const envelope = JSON.parse(encodeEvent(IndicatorComputedV1, computed, { source: 's' }).value);
    envelope.data.coverage.reported = 'eleven';
    const decoded = decodeEvent(IndicatorComputedV1, JSON.stringify(envelope));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.error.code).toBe('invalid_payload');
    expect(decoded.error.path).toBe('data.coverage.reported');
    expect(decoded.error.message).toContain('data.coverage.reported');
  });

  it('should reject an event of another type when decoding for one contract', () => {
    const message = encodeEvent(IndicatorComputedV1, computed, { source: 's' });
    const decoded = decodeEvent(ObservationRecordedV1, message.value);
    expect(!decoded.ok && decoded.error.code).toBe('unknown_type');
  });

  it('should refuse to encode a payload that breaks the contract', () => {
    expect(() => encodeEvent(ObservationRecordedV1, { ...recorded, value: Number.NaN }, { source: 's' })).toThrow(/data\.value/);
    expect(() =>
      encodeEvent(
        IndicatorStatusChangedV1,
        {
          kind: 'status_slip',
          unit: '92',
          period: '2025',
          status: 'at_risk',
          severity: 'warning',
          hierarchyVersion: '2025-07',
          detectedAt: '2025-01-01T00:00:00Z',
        } as never,
        { source: 's' },
      ),
    ).toThrow(/data\.indicator/);
  });

  it('should validate alert messages as bilingual text when encoding', () => {
    const alert = {
      id: 'a1',
      kind: 'status_slip' as const,
      state: 'firing' as const,
      indicator: 'GOV-01',
      status: 'off_track' as const,
      unit: '916',
      hierarchyVersion: '2024-11',
      frequency: 'quarter' as const,
      period: '2025-Q2',
      severity: 'critical' as const,
      message: { vi: 'Chỉ tiêu GOV-01 chậm tiến độ', en: 'GOV-01 is off track' },
      firedAt: '2025-07-01T00:00:00Z',
      escalationLevel: 0,
      changedAt: '2025-07-01T00:00:00Z',
    };
    expect(encodeEvent(AlertFiredV1, alert, { source: 's' }).key).toBe('a1');
    expect(() => encodeEvent(AlertFiredV1, { ...alert, message: { vi: 'x' } } as never, { source: 's' })).toThrow(/data\.message\.en/);
  });
});
