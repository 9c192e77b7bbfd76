import { Kafka, logLevel } from 'kafkajs';

import { HierarchyChangedV1 } from '@dx/contracts';
import { HierarchyRegistry, IndicatorValue, TWO_LEVEL_VERSION_ID } from '@dx/domain';
import { EventPublisher } from '@dx/messaging';
import { collectMessages, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import {
  anObservation,
  applyOneByOne,
  BROKERS,
  ComputationDatabase,
  decodeStatusEvents,
  decodeValues,
  ObservationFeed,
  OUTPUT_TOPICS,
  ScriptedObservation,
} from '../support/computation-harness.util';
import { ComputationTestApp, startComputation } from '../support/computation-test-app';

// Households of four 2025 wards in 2025-Q3 (SOC-01, a stock: read by Q3, carried into Q4 and the year 2025);
// business "now" is 10 October 2025. Ninh Kiều 31135: 900/1000, Cái Khế 31120: 800/1000, Tân An 31147:
// 700/1000, An Bình 31150: 600/1000, so the city is 3000/4000 = 75 %. Then an administrator replaces the
// 2025-07 version: a new district 999 takes Ninh Kiều and Cái Khế, and An Bình is removed.
describe('A hierarchy version replaced on dx.reference.v1', () => {
  const prefix = `comp-hierarchy-${uniqueSuffix()}.`;
  let computation: ComputationTestApp;
  let db: ComputationDatabase;
  let feed: ObservationFeed;
  let reference: EventPublisher;
  let values: MessageCollector;
  let status: MessageCollector;

  const o = (measure: string, unit: string, value: number): ScriptedObservation => anObservation({ measure, unit, period: '2025-Q3', value });
  const key = (v: { indicator: string; unit: string; period: string }) => `${v.indicator}|${v.unit}|${v.period}`;
  const settled = () => expectEventually(async () => expect(await db.outboxCount()).toBe(0), { timeoutMs: 60_000, intervalMs: 100 });

  beforeAll(async () => {
    computation = await startComputation({ KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn', DX_CLOCK_NOW: '2025-10-10T00:00:00+07:00' });
    db = new ComputationDatabase(computation.databaseUrl);
    await db.connect();
    feed = new ObservationFeed(prefix);
    reference = new EventPublisher(
      new Kafka({ clientId: `test-admin-${uniqueSuffix(4)}`, brokers: BROKERS, logLevel: logLevel.NOTHING }),
      '/test/ingestion',
      prefix,
    );
    values = await collectMessages(BROKERS, `${prefix}${OUTPUT_TOPICS.values}`);
    status = await collectMessages(BROKERS, `${prefix}${OUTPUT_TOPICS.status}`);
  });

  afterAll(async () => {
    await values?.stop();
    await status?.stop();
    await reference?.disconnect();
    await feed?.close();
    await db?.close();
    await computation?.close();
  });

  it('should recompute and publish the values the change reaches, and only those, leaving the removed ward’s values as they were', async () => {
    await applyOneByOne(
      feed,
      db,
      [
        ['31135', 900],
        ['31120', 800],
        ['31147', 700],
        ['31150', 600],
      ].flatMap(([unit, fibre]) => [o('households.fibre', String(unit), Number(fibre)), o('households.total', String(unit), 1000)]),
    );
    await settled();
    const before = await db.values();
    expect(before.get('SOC-01|92|2025-Q3')).toMatchObject({ value: 75, numerator: 3000, denominator: 4000 });
    const valuesMark = values.messages.length;
    const statusMark = status.messages.length;

    const shipped = HierarchyRegistry.withDefaults().version(TWO_LEVEL_VERSION_ID)?.definition;
    if (!shipped) throw new Error('the 2025-07 version ships with the platform');
    const units: HierarchyChangedV1['units'] = [
      ...shipped.units
        .filter((u) => u.code !== '31150')
        .map((u) => ({
          ...u,
          formedFrom: u.formedFrom?.map((part) => ({ ...part })),
          parentCode: u.code === '31135' || u.code === '31120' ? '999' : u.parentCode,
        })),
      { code: '999', name: 'Quận Thử Nghiệm', level: 2, parentCode: '92' },
    ];
    await reference.publish({
      contract: HierarchyChangedV1,
      data: { version: TWO_LEVEL_VERSION_ID, effectiveFrom: shipped.effectiveFrom, units, changedAt: new Date().toISOString() },
    });

    await expectEventually(async () => expect(await db.value('SOC-01', '999', '2025-Q3')).toBeDefined(), { timeoutMs: 60_000, intervalMs: 100 });
    await settled();
    const after = await db.values();
    // The new district sums its two wards: 1700/2000; the city loses An Bình: 2400/3000. Both carry Q3 into Q4
    // and the year 2025.
    for (const period of ['2025-Q3', '2025-Q4', '2025']) {
      expect(after.get(`SOC-01|999|${period}`)).toMatchObject({ value: 85, numerator: 1700, denominator: 2000, hierarchyVersion: TWO_LEVEL_VERSION_ID });
      expect(after.get(`SOC-01|92|${period}`)).toMatchObject({ value: 80, numerator: 2400, denominator: 3000 });
    }
    // Nothing else changed: the wards read the same households wherever they sit, and the removed ward's
    // values stay as they were, no longer updated.
    const changed = [...after.keys()].filter((k) => JSON.stringify(after.get(k)) !== JSON.stringify(before.get(k))).sort();
    expect(changed).toEqual(['92', '999'].flatMap((u) => ['2025', '2025-Q3', '2025-Q4'].map((p) => `SOC-01|${u}|${p}`)).sort());
    expect(after.get('SOC-01|31150|2025-Q3')).toEqual(before.get('SOC-01|31150|2025-Q3'));

    // Published: exactly the changed values, as now stored.
    await expectEventually(() => expect(decodeValues(values.messages.slice(valuesMark)).map(key).sort()).toEqual(changed));
    for (const message of decodeValues(values.messages.slice(valuesMark))) expect(message).toMatchObject(after.get(key(message)) as IndicatorValue);
    // Status events only about changed values, and one for the new district's first quarter if it is behind.
    const statusKeys = decodeStatusEvents(status.messages.slice(statusMark)).map(
      ({ data: e }) => `${'indicator' in e ? e.indicator : ''}|${e.unit}|${e.period}`,
    );
    expect(statusKeys.every((k) => changed.includes(k))).toBe(true);
    if (['at_risk', 'off_track'].includes(after.get('SOC-01|999|2025-Q3')?.status ?? '')) {
      await expectEventually(() =>
        expect(
          decodeStatusEvents(status.messages.slice(statusMark)).map(({ data: e }) => `${'indicator' in e ? e.indicator : ''}|${e.unit}|${e.period}`),
        ).toContain('SOC-01|999|2025-Q3'),
      );
    }
  });
});
