import { Kafka, logLevel } from 'kafkajs';

import { TargetsChangedV1 } from '@dx/contracts';
import { IndicatorValue } from '@dx/domain';
import { EventPublisher } from '@dx/messaging';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

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

// Households of two wards (SOC-01, a ratio with a 2025 milestone "> 90") and the city's work records (GOV-04)
// in the first half of 2025; business "now" is 10 July 2025. Ward 31117: 950/1000 = 95 %, achieved against
// "> 90"; ward 31153: 1900/2000 = 95 %. Then an administrator raises SOC-01's 2025 milestone to ">= 99"
// (tolerance 5: 95 is 4 behind, at_risk), as ingestion publishes it on dx.reference.v1.
describe('Targets changed on dx.reference.v1', () => {
  const prefix = `comp-reference-${uniqueSuffix()}.`;
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;
  let computation: ComputationTestApp | undefined;
  let db: ComputationDatabase;
  let feed: ObservationFeed;
  let reference: EventPublisher;
  let values: MessageCollector;
  let status: MessageCollector;

  const o = (measure: string, unit: string, period: string, value: number): ScriptedObservation => anObservation({ measure, unit, period, value });
  const soc01 = (targets: TargetsChangedV1['targets']): TargetsChangedV1 => ({
    indicator: 'SOC-01',
    targets,
    baseline: { year: 2020 },
    tolerance: 5,
    regressionThreshold: 2,
    changedAt: new Date().toISOString(),
  });
  const key = (v: { indicator: string; unit: string; period: string }) => `${v.indicator}|${v.unit}|${v.period}`;
  const settled = () => expectEventually(async () => expect(await db.outboxCount()).toBe(0), { timeoutMs: 60_000, intervalMs: 100 });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('computation_reference');
    // The database outlives the instance: the test restarts it.
    env = { DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' };
    computation = await startComputation(env);
    db = new ComputationDatabase(databaseUrl);
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
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('should recompute and publish exactly the values whose targets changed, with a status event where a status changed', async () => {
    await applyOneByOne(feed, db, [
      o('households.fibre', '31117', '2025-Q2', 950),
      o('households.total', '31117', '2025-Q2', 1000),
      o('households.fibre', '31153', '2025-Q2', 1900),
      o('households.total', '31153', '2025-Q2', 2000),
      o('work_records.total', '92', '2025-01', 200),
      o('work_records.online', '92', '2025-01', 190),
    ]);
    await settled();
    const before = await db.values();
    expect(before.get('SOC-01|31117|2025-Q2')).toMatchObject({ value: 95, target: { year: 2025, op: '>', value: 90 }, status: 'achieved' });
    const valuesMark = values.messages.length;
    const statusMark = status.messages.length;

    await reference.publish({
      contract: TargetsChangedV1,
      data: soc01([
        { kind: 'milestone', year: 2025, op: '>=', value: 99 },
        { kind: 'milestone', year: 2030, op: '>=', value: 100 },
      ]),
    });

    await expectEventually(async () => expect((await db.value('SOC-01', '31117', '2025-Q2'))?.target).toEqual({ year: 2025, op: '>=', value: 99 }), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    await settled();
    const after = await db.values();
    // 95 against ">= 99" with a tolerance of 5: 4 behind, at_risk.
    expect(after.get('SOC-01|31117|2025-Q2')).toMatchObject({ value: 95, expected: 99, status: 'at_risk' });
    expect(after.get('SOC-01|31153|2025-Q2')).toMatchObject({ value: 95, status: 'at_risk' });
    // No value appeared or vanished; GOV-04's values are as they were.
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after.entries()].filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before.get(k))).map(([k]) => k);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((k) => k.startsWith('SOC-01|'))).toBe(true);
    expect([...before.keys()].some((k) => k.startsWith('GOV-04|'))).toBe(true);

    // Published: exactly the changed values, once each, as now stored (the collector reads them a moment
    // after the outbox relay has handed them to the broker).
    await expectEventually(() => expect(decodeValues(values.messages.slice(valuesMark)).map(key).sort()).toEqual([...changed].sort()));
    const published = decodeValues(values.messages.slice(valuesMark));
    for (const message of published) expect(message).toMatchObject(after.get(key(message)) as IndicatorValue);
    // A status event for each value whose status changed (all of them got worse: slips).
    const statusChanged = changed.filter((k) => before.get(k)?.status !== after.get(k)?.status);
    expect(statusChanged).toContain('SOC-01|31117|2025-Q2');
    const slipKeys = () =>
      decodeStatusEvents(status.messages.slice(statusMark)).map(({ data: e }) => `${'indicator' in e ? e.indicator : ''}|${e.unit}|${e.period}`);
    await expectEventually(() => expect(slipKeys().sort()).toEqual([...statusChanged].sort()));
    const slips = decodeStatusEvents(status.messages.slice(statusMark)).map((e) => e.data);
    expect(slips.every((e) => e.kind === 'status_slip')).toBe(true);
  });

  it('should compute with the changed targets from the first message after a restart, having read dx.reference.v1 first', async () => {
    await computation?.close();
    computation = undefined;
    // While the service is down: the milestone is lowered to "> 80", and a third ward reports.
    await reference.publish({
      contract: TargetsChangedV1,
      data: soc01([
        { kind: 'milestone', year: 2025, op: '>', value: 80 },
        { kind: 'milestone', year: 2030, op: '>=', value: 100 },
      ]),
    });
    const valuesMark = values.messages.length;
    const fibre = o('households.fibre', '31120', '2025-Q2', 450);
    const total = o('households.total', '31120', '2025-Q2', 500);
    await feed.publish([fibre, total]);

    computation = await startComputation(env);
    await expectEventually(async () => expect(await db.isProcessed(total.id)).toBe(true), { timeoutMs: 60_000, intervalMs: 100 });
    await expectEventually(async () => expect((await db.value('SOC-01', '31117', '2025-Q2'))?.target?.value).toBe(80), { timeoutMs: 60_000, intervalMs: 100 });
    await settled();

    // Every message about the new ward's quarter carries the new milestone: none was computed with the old one.
    const wardMessages = () =>
      decodeValues(values.messages.slice(valuesMark)).filter((v) => v.unit === '31120' && v.period === '2025-Q2' && v.indicator === 'SOC-01');
    await expectEventually(() => expect(wardMessages().some((v) => v.value === 90)).toBe(true));
    const ward = wardMessages();
    expect(ward.every((v) => v.target?.op === '>' && v.target.value === 80)).toBe(true);
    // 450/500 = 90 % > 80: achieved; and the earlier wards are achieved again.
    expect(await db.value('SOC-01', '31120', '2025-Q2')).toMatchObject({ value: 90, status: 'achieved' });
    expect(await db.value('SOC-01', '31117', '2025-Q2')).toMatchObject({ value: 95, status: 'achieved' });
  });
});
