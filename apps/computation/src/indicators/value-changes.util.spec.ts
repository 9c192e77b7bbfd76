import { DEFAULT_CATALOGUE, IndicatorValue } from '@dx/domain';

import { refKey } from './recompute-plan.util';
import { sameIndicatorValue, valueChanges } from './value-changes.util';

const value = (period: string, v: number | null, status: IndicatorValue['status'], extra: Partial<IndicatorValue> = {}): IndicatorValue => ({
  indicator: 'SOC-01',
  unit: '916',
  period,
  value: v,
  status,
  coverage: { reported: 1, expected: 8 },
  hierarchyVersion: '2024-11',
  ...extra,
});
const storedOf = (...values: IndicatorValue[]) => new Map(values.map((v) => [refKey(v), v]));

describe('valueChanges', () => {
  it('should report nothing when the recomputed value equals the stored one', () => {
    const stored = value('2025-Q2', 86, 'at_risk', { expected: 90 });

    expect(valueChanges(DEFAULT_CATALOGUE, [{ ...stored }], storedOf(stored))).toEqual({ changed: [], statusEvents: [] });
  });

  it('should report a new value and a slip when a value is computed for the first time below its trajectory', () => {
    const computed = value('2025-Q2', 70, 'off_track', { expected: 90 });

    const result = valueChanges(DEFAULT_CATALOGUE, [computed], new Map());

    expect(result.changed).toEqual([computed]);
    expect(result.statusEvents).toMatchObject([{ kind: 'status_slip', severity: 'critical', period: '2025-Q2', status: 'off_track' }]);
  });

  it('should judge a period against the previous period as recomputed in the same batch', () => {
    const q2 = value('2025-Q2', 70, 'off_track', { expected: 90 });
    const q3 = value('2025-Q3', 70, 'off_track', { expected: 90 });

    const result = valueChanges(DEFAULT_CATALOGUE, [q2, q3], new Map());

    // Q3 is as bad as Q2 was: no second slip.
    expect(result.statusEvents.map((e) => e.period)).toEqual(['2025-Q2']);
  });

  it('should report a recovery against the stored value when a revision brings the value back', () => {
    const stored = value('2025-Q2', 70, 'off_track', { expected: 90 });
    const computed = value('2025-Q2', 94, 'achieved', { expected: 90 });

    expect(valueChanges(DEFAULT_CATALOGUE, [computed], storedOf(stored)).statusEvents).toMatchObject([
      { kind: 'status_recovered', severity: 'info', previousStatus: 'off_track', previousValue: 70 },
    ]);
  });
});

describe('sameIndicatorValue', () => {
  it('should ignore key order when values come back from the database', () => {
    const { status, coverage, ...rest } = value('2025', 1, 'on_track');
    // jsonb gives keys back in its own order.
    expect(sameIndicatorValue(value('2025', 1, 'on_track'), JSON.parse(JSON.stringify({ status, coverage, ...rest })))).toBe(true);
  });

  it('should see a change when only the coverage differs', () => {
    expect(sameIndicatorValue(value('2025', 1, 'on_track'), value('2025', 1, 'on_track', { coverage: { reported: 2, expected: 8 } }))).toBe(false);
  });

  it('should see a change when a member appears or disappears, and none for a member left undefined', () => {
    expect(sameIndicatorValue(value('2025', 1, 'on_track'), value('2025', 1, 'on_track', { expected: 1 }))).toBe(false);
    expect(sameIndicatorValue(value('2025', 1, 'on_track', { quality: 'approximate' }), value('2025', 1, 'on_track'))).toBe(false);
    expect(sameIndicatorValue(value('2025', 1, 'on_track', { expected: undefined }), value('2025', 1, 'on_track'))).toBe(true);
  });

  it('should see a change inside the target, and a null value apart from zero', () => {
    const target = { year: 2025, op: '>=', value: 90 } as const;
    expect(sameIndicatorValue(value('2025', 1, 'on_track', { target }), value('2025', 1, 'on_track', { target: { ...target, value: 95 } }))).toBe(false);
    expect(sameIndicatorValue(value('2025', 1, 'on_track', { target }), value('2025', 1, 'on_track', { target: { ...target } }))).toBe(true);
    expect(sameIndicatorValue(value('2025', 0, 'off_track'), value('2025', null, 'off_track'))).toBe(false);
  });
});
