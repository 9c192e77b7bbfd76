import { TargetsChangedV1 } from '@dx/contracts';
import { IndicatorValue } from '@dx/domain';
import { expectEventually } from '@dx/testing';

import { anObservation, decodeStatusEvents, decodeValues, ScriptedObservation } from '../support/computation-harness.util';
import { ComputationFixture, startComputationFixture, valueKey } from '../support/computation-fixture.util';

// Households of two wards (SOC-01, a ratio with a 2025 milestone "> 90") and the city's work records (GOV-04)
// in the first half of 2025; business "now" is 10 July 2025. Ward 31117: 950/1000 = 95 %, achieved against
// "> 90"; ward 31153: 1900/2000 = 95 %. Then an administrator raises SOC-01's 2025 milestone to ">= 99"
// (tolerance 5: 95 is 4 behind, at_risk), as ingestion publishes it on dx.reference.v1.
describe('Targets changed on dx.reference.v1', () => {
  let computation: ComputationFixture;

  const o = (measure: string, unit: string, period: string, value: number): ScriptedObservation => anObservation({ measure, unit, period, value });
  const soc01 = (targets: TargetsChangedV1['targets']): TargetsChangedV1 => ({
    indicator: 'SOC-01',
    targets,
    baseline: { year: 2020 },
    tolerance: 5,
    regressionThreshold: 2,
    changedAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    // The database outlives the instance: the test restarts it.
    computation = await startComputationFixture('reference', { collect: ['values', 'status'] });
  });

  afterAll(async () => {
    await computation?.close();
  });

  it('should recompute and publish exactly the values whose targets changed, with a status event where a status changed', async () => {
    await computation.apply([
      o('households.fibre', '31117', '2025-Q2', 950),
      o('households.total', '31117', '2025-Q2', 1000),
      o('households.fibre', '31153', '2025-Q2', 1900),
      o('households.total', '31153', '2025-Q2', 2000),
      o('work_records.total', '92', '2025-01', 200),
      o('work_records.online', '92', '2025-01', 190),
    ]);
    await computation.settled();
    const before = await computation.db.values();
    expect(before.get('SOC-01|31117|2025-Q2')).toMatchObject({ value: 95, target: { year: 2025, op: '>', value: 90 }, status: 'achieved' });
    const valuesMark = computation.values.messages.length;
    const statusMark = computation.status.messages.length;

    await computation.reference.publish({
      contract: TargetsChangedV1,
      data: soc01([
        { kind: 'milestone', year: 2025, op: '>=', value: 99 },
        { kind: 'milestone', year: 2030, op: '>=', value: 100 },
      ]),
    });

    await expectEventually(
      async () => expect((await computation.db.value('SOC-01', '31117', '2025-Q2'))?.target).toEqual({ year: 2025, op: '>=', value: 99 }),
      {
        timeoutMs: 60_000,
        intervalMs: 100,
      },
    );
    await computation.settled();
    const after = await computation.db.values();
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
    await expectEventually(() => expect(decodeValues(computation.values.messages.slice(valuesMark)).map(valueKey).sort()).toEqual([...changed].sort()));
    const published = decodeValues(computation.values.messages.slice(valuesMark));
    for (const message of published) expect(message).toMatchObject(after.get(valueKey(message)) as IndicatorValue);
    // A status event for each value whose status changed (all of them got worse: slips).
    const statusChanged = changed.filter((k) => before.get(k)?.status !== after.get(k)?.status);
    expect(statusChanged).toContain('SOC-01|31117|2025-Q2');
    const slipKeys = () => decodeStatusEvents(computation.status.messages.slice(statusMark)).map(({ data }) => valueKey(data));
    await expectEventually(() => expect(slipKeys().sort()).toEqual([...statusChanged].sort()));
    const slips = decodeStatusEvents(computation.status.messages.slice(statusMark)).map((e) => e.data);
    expect(slips.every((e) => e.kind === 'status_slip')).toBe(true);
  });

  it('should compute with the changed targets from the first message after a restart, having read dx.reference.v1 first', async () => {
    await computation.stop();
    // While the service is down: the milestone is lowered to "> 80", and a third ward reports.
    await computation.reference.publish({
      contract: TargetsChangedV1,
      data: soc01([
        { kind: 'milestone', year: 2025, op: '>', value: 80 },
        { kind: 'milestone', year: 2030, op: '>=', value: 100 },
      ]),
    });
    const valuesMark = computation.values.messages.length;
    const fibre = o('households.fibre', '31120', '2025-Q2', 450);
    const total = o('households.total', '31120', '2025-Q2', 500);
    await computation.feed.publish([fibre, total]);

    await computation.start();
    await expectEventually(async () => expect(await computation.db.isProcessed(total.id)).toBe(true), { timeoutMs: 60_000, intervalMs: 100 });
    await expectEventually(async () => expect((await computation.db.value('SOC-01', '31117', '2025-Q2'))?.target?.value).toBe(80), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    await computation.settled();

    // Every message about the new ward's quarter carries the new milestone: none was computed with the old one.
    const wardMessages = () =>
      decodeValues(computation.values.messages.slice(valuesMark)).filter((v) => v.unit === '31120' && v.period === '2025-Q2' && v.indicator === 'SOC-01');
    await expectEventually(() => expect(wardMessages().some((v) => v.value === 90)).toBe(true));
    const ward = wardMessages();
    expect(ward.every((v) => v.target?.op === '>' && v.target.value === 80)).toBe(true);
    // 450/500 = 90 % > 80: achieved; and the earlier wards are achieved again.
    expect(await computation.db.value('SOC-01', '31120', '2025-Q2')).toMatchObject({ value: 90, status: 'achieved' });
    expect(await computation.db.value('SOC-01', '31117', '2025-Q2')).toMatchObject({ value: 95, status: 'achieved' });
  });
});
