import { CONTRACTS_BY_TOPIC, decodeEvent, encodeEvent, HierarchyChangedV1, TargetsChangedV1, TOPIC_DEFINITIONS, TOPICS } from './index';

const hierarchy: HierarchyChangedV1 = {
  version: '2026-01',
  effectiveFrom: '2026-01-01',
  units: [
    { code: '92', name: 'Thành phố Cần Thơ', level: 1, parentCode: null },
    { code: '31117', name: 'Phường Ninh Kiều', level: 3, parentCode: '92', formedFrom: [{ code: '31117', whole: true }] },
  ],
  changedAt: '2026-01-02T03:00:00.000Z',
};

const targets: TargetsChangedV1 = {
  indicator: 'SOC-01',
  targets: [{ kind: 'milestone', year: 2030, op: '>=', value: 95, level: 3 }],
  baseline: { year: 2020 },
  tolerance: 5,
  regressionThreshold: 2,
  changedAt: '2026-01-02T03:00:00.000Z',
};

describe('dx.reference.v1 contracts', () => {
  it('should declare the reference topic compacted, on one partition, kept forever', () => {
    const definition = TOPIC_DEFINITIONS.find((d) => d.topic === TOPICS.reference);
    expect(TOPICS.reference).toBe('dx.reference.v1');
    expect(definition?.numPartitions).toBe(1);
    expect(Object.fromEntries((definition?.configEntries ?? []).map((e) => [e.name, e.value]))).toEqual({ 'cleanup.policy': 'compact', 'retention.ms': '-1' });
    expect(CONTRACTS_BY_TOPIC[TOPICS.reference]).toEqual([HierarchyChangedV1, TargetsChangedV1]);
  });

  it('should key a hierarchy change by hierarchy:<version> and round-trip it', () => {
    const message = encodeEvent(HierarchyChangedV1, hierarchy, { source: '/dx/ingestion' });
    expect(message.key).toBe('hierarchy:2026-01');
    const decoded = decodeEvent(CONTRACTS_BY_TOPIC[TOPICS.reference], message.value);
    expect(decoded.ok && decoded.event.type).toBe('vn.cantho.dx.reference.hierarchy.changed.v1');
    expect(decoded.ok && decoded.event.data).toEqual(hierarchy);
  });

  it('should key a targets change by targets:<indicator> and round-trip it', () => {
    const message = encodeEvent(TargetsChangedV1, targets, { source: '/dx/ingestion' });
    expect(message.key).toBe('targets:SOC-01');
    const decoded = decodeEvent(CONTRACTS_BY_TOPIC[TOPICS.reference], message.value);
    expect(decoded.ok && decoded.event.type).toBe('vn.cantho.dx.reference.targets.changed.v1');
    expect(decoded.ok && decoded.event.data).toEqual(targets);
  });

  it('should refuse to encode a unit without a level or a target with an unknown comparator', () => {
    const badUnit = { ...hierarchy, units: [{ code: '92', name: 'Cần Thơ', parentCode: null }] } as unknown as HierarchyChangedV1;
    expect(() => encodeEvent(HierarchyChangedV1, badUnit, { source: '/dx/ingestion' })).toThrow(/data\.units\[0\]\.level/);
    const badTarget = { ...targets, targets: [{ kind: 'milestone', year: 2030, op: '≥', value: 95 }] } as unknown as TargetsChangedV1;
    expect(() => encodeEvent(TargetsChangedV1, badTarget, { source: '/dx/ingestion' })).toThrow(/data\.targets\[0\]\.op/);
  });

  it('should refuse to decode a targets change with a negative tolerance', () => {
    const message = JSON.parse(encodeEvent(TargetsChangedV1, targets, { source: '/dx/ingestion' }).value);
    message.data.tolerance = -1;
    const decoded = decodeEvent(TargetsChangedV1, JSON.stringify(message));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.error.path).toBe('data.tolerance');
  });
});
