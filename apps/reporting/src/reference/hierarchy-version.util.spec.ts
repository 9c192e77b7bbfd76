import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from '@dx/domain';

import { hierarchyVersionOf } from './hierarchy-version.util';

describe('hierarchyVersionOf', () => {
  const hierarchies = HierarchyRegistry.withDefaults();
  hierarchies.activate(TWO_LEVEL_VERSION_ID);

  it.each([
    ['2025-06', THREE_LEVEL_VERSION_ID],
    ['2025-Q2', THREE_LEVEL_VERSION_ID],
    ['2020', THREE_LEVEL_VERSION_ID],
    ['2025-07', TWO_LEVEL_VERSION_ID],
    ['2025-Q3', TWO_LEVEL_VERSION_ID],
    // A period belongs to the version in force on its last day: the year 2025 to the two-level one.
    ['2025', TWO_LEVEL_VERSION_ID],
  ])('should file a value of %s under version %s when the payload names none', (period, version) => {
    expect(hierarchyVersionOf(hierarchies, { period })).toBe(version);
  });

  it('should keep the version the producer stated', () => {
    expect(hierarchyVersionOf(hierarchies, { period: '2025', hierarchyVersion: THREE_LEVEL_VERSION_ID })).toBe(THREE_LEVEL_VERSION_ID);
  });
});
