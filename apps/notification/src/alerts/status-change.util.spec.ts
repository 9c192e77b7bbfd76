import { DEFAULT_CATALOGUE, HierarchyRegistry } from '@dx/domain';

import { toStatusChange } from './status-change.util';

describe('toStatusChange', () => {
  const reference = { catalogue: DEFAULT_CATALOGUE, hierarchies: HierarchyRegistry.withDefaults() };

  it('should read the unit in the version the event names', () => {
    const change = toStatusChange(
      {
        kind: 'status_slip',
        indicator: 'SOC-01',
        unit: '31120',
        period: '2025-Q3',
        status: 'off_track',
        value: 61.5,
        severity: 'critical',
        hierarchyVersion: '2025-07',
        detectedAt: '2025-10-01T00:00:00Z',
      },
      'e1',
      reference,
    );
    expect(change).toMatchObject({ eventId: 'e1', hierarchyVersion: '2025-07', value: 61.5, detectedAt: new Date('2025-10-01T00:00:00Z') });
  });

  it('should take the version in force for the period when an older event names none', () => {
    const change = toStatusChange(
      { kind: 'overdue', measure: 'households.total', unit: '31117', period: '2025-Q1', severity: 'warning', detectedAt: '2025-04-20T00:00:00Z' },
      'e2',
      reference,
    );
    // Q1 2025 belongs to the three-level version; the due date comes from the catalogue (15 days).
    expect(change).toMatchObject({ hierarchyVersion: '2024-11', dueDate: '2025-04-15' });
  });
});
