import { DEFAULT_CATALOGUE, HierarchyRegistry, reportKey } from '@dx/domain';

import { currentMonth, missingReports, overdueCandidates } from './overdue-candidates.util';

describe('currentMonth', () => {
  it('should use Vietnam time when UTC is still in the previous month', () => {
    expect(currentMonth(new Date('2025-03-31T18:00:00Z'))).toBe('2025-04');
  });
});

describe('overdueCandidates', () => {
  it('should list the quarter and the month whose due day has passed within the look-back', () => {
    const candidates = overdueCandidates(DEFAULT_CATALOGUE, new Date('2025-04-20T09:00:00+07:00'), 1);

    expect(candidates).toContainEqual({ measure: 'households.total', period: '2025-Q1' });
    expect(candidates).toContainEqual({ measure: 'work_records.total', period: '2025-03' });
    // Not due yet: April itself, Q2, and the year 2025.
    expect(candidates.filter((c) => ['2025-04', '2025-Q2', '2025'].includes(c.period))).toEqual([]);
  });

  it('should not list a quarter on its due day', () => {
    const candidates = overdueCandidates(DEFAULT_CATALOGUE, new Date('2025-04-15T23:00:00+07:00'), 1);

    expect(candidates.filter((c) => c.period === '2025-Q1')).toEqual([]);
  });
});

describe('missingReports', () => {
  it('should announce every commune but those that reported when a commune-level measure is overdue', () => {
    const now = new Date('2025-04-20T09:00:00+07:00');
    const reported = new Set([reportKey({ measure: 'households.total', unit: '31117', period: '2025-Q1' })]);
    const events = missingReports(DEFAULT_CATALOGUE, HierarchyRegistry.withDefaults(), [{ measure: 'households.total', period: '2025-Q1' }], reported, now);

    expect(events).toHaveLength(79);
    expect(events.find((e) => e.unit === '31117')).toBeUndefined();
    expect(events[0]).toMatchObject({ kind: 'overdue', measure: 'households.total', period: '2025-Q1', dueDate: '2025-04-15', severity: 'warning' });
  });
});
