import { ObservationRecordedV1 } from '@dx/contracts';
import { IndicatorValue } from '@dx/domain';
import { expectEventually } from '@dx/testing';

import { anObservation, decodeStatusEvents, decodeValues, revised, ScriptedObservation, withoutComputedAt } from '../support/computation-harness.util';
import { ComputationFixture, startComputationFixture, valueKey } from '../support/computation-fixture.util';

// A scripted scenario over two districts (916 Ninh Kiều, 917 Bình Thủy), their communes and the city,
// months, quarters and years, with every kind of indicator. Business "now" is 10 July 2025: Q3 2025 and
// the year 2025 are current, Q4 is in the future. No 2020 data, so each expected value is the target.
// Q3 and the year 2025 belong to the two-level version (in force from 1 July 2025): the observations, all of
// the three-level version, reach them only through formedFrom (new ward 31120 Phường Cái Khế ← 31117, 31120,
// part of 31178; new 31153 Phường Ô Môn ← 31153, 31154, 31159, 31267; new city 92 ← 92 and two provinces
// outside every loaded version).
// Observations are applied one at a time, so every intermediate state (and so every status event) is
// fixed. Two instances share the consumer group throughout.
describe('Indicator computation over a scripted scenario', () => {
  let computation: ComputationFixture;

  const o = (measure: string, unit: string, period: string, value: number, extra: Partial<ObservationRecordedV1> = {}): ScriptedObservation =>
    anObservation({ measure, unit, period, value, ...extra });

  // SOC-01: within each unit the fibre count comes before the household count (see the events below).
  const fibre31120 = o('households.fibre', '31120', '2025-Q2', 350);
  const total31120 = o('households.total', '31120', '2025-Q2', 500);
  const households = [
    o('households.fibre', '31117', '2025-Q2', 950),
    o('households.total', '31117', '2025-Q2', 1000),
    o('households.fibre', '31153', '2025-Q2', 1900),
    o('households.total', '31153', '2025-Q2', 2000),
    fibre31120,
    total31120,
  ];
  const fibreAvailable = [
    o('fibre.available', '31153', '2025-Q2', 1),
    o('fibre.available', '31154', '2025-Q2', 1),
    o('fibre.available', '31156', '2025-Q2', 0),
  ];
  // GOV-04: the total of each month before its online part.
  const workRecords = [
    o('work_records.total', '92', '2025-01', 200),
    o('work_records.online', '92', '2025-01', 190),
    o('work_records.total', '917', '2025-01', 100),
    o('work_records.online', '917', '2025-01', 80),
    o('work_records.total', '31153', '2025-01', 50),
    o('work_records.online', '31153', '2025-01', 40),
    o('work_records.total', '917', '2025-02', 100),
    o('work_records.online', '917', '2025-02', 100),
  ];
  // ECO-02, out of order: 2025 first, then 2024, then 2023.
  const productivity = [o('labour_productivity', '92', '2025', 106), o('labour_productivity', '92', '2024', 100), o('labour_productivity', '92', '2023', 95)];
  const grdp = [
    o('grdp.digital', '92', '2024', 500, { dimensions: { sector: 'agriculture' } }),
    o('grdp.digital', '92', '2024', 3000, { dimensions: { sector: 'industry' } }),
    o('grdp.digital', '92', '2024', 4000, { dimensions: { sector: 'services' } }),
    o('grdp.total', '92', '2024', 10000, { dimensions: { sector: 'agriculture' } }),
    o('grdp.total', '92', '2024', 20000, { dimensions: { sector: 'industry' } }),
    o('grdp.total', '92', '2024', 20000, { dimensions: { sector: 'services' } }),
  ];
  const ranks = [o('dti.rank', '92', '2023', 8), o('dti.rank', '92', '2024', 12), o('dti.rank', '92', '2025', 9)];

  const stored = async (indicator: string, unit: string, period: string): Promise<IndicatorValue | undefined> => computation.db.value(indicator, unit, period);

  beforeAll(async () => {
    computation = await startComputationFixture('scenario', { instanceIds: ['a', 'b'], collect: ['values', 'status'] });
  });

  afterAll(async () => {
    await computation?.close();
  });

  it('should roll a ratio up as sums of numerators over sums of denominators when communes of two districts report households', async () => {
    await computation.apply(households);

    // Communes: 950/1000 = 95 % (> 90: achieved), 350/500 = 70 % (20 behind 90: off_track), 1900/2000 = 95 %.
    expect(await stored('SOC-01', '31117', '2025-Q2')).toEqual({
      indicator: 'SOC-01',
      unit: '31117',
      period: '2025-Q2',
      value: 95,
      numerator: 950,
      denominator: 1000,
      target: { year: 2025, op: '>', value: 90 },
      expected: 90,
      status: 'achieved',
      coverage: { reported: 1, expected: 1 },
      hierarchyVersion: '2024-11',
    });
    expect(await stored('SOC-01', '31120', '2025-Q2')).toMatchObject({ value: 70, status: 'off_track' });
    // District 916: (950 + 350) / (1000 + 500) = 1300/1500 = 86.67 %, 3.33 behind 90: at_risk; 2 of its 8 communes reported.
    expect(await stored('SOC-01', '916', '2025-Q2')).toMatchObject({
      numerator: 1300,
      denominator: 1500,
      status: 'at_risk',
      coverage: { reported: 2, expected: 8 },
    });
    expect((await stored('SOC-01', '916', '2025-Q2'))?.value).toBeCloseTo((1300 * 100) / 1500, 9);
    // District 917: 1900/2000 = 95 %, 1 of 7 communes. City: 3200/3500 = 91.43 %, 3 of 80 communes.
    expect(await stored('SOC-01', '917', '2025-Q2')).toMatchObject({ value: 95, status: 'achieved', coverage: { reported: 1, expected: 7 } });
    expect(await stored('SOC-01', '92', '2025-Q2')).toMatchObject({
      numerator: 3200,
      denominator: 3500,
      status: 'achieved',
      coverage: { reported: 3, expected: 80 },
    });
    // The Q2 stock is carried into Q3 (current) and the year 2025, which are the two-level version's: no
    // district there. The new ward 31120 carries its predecessors 31117 and 31120: (950 + 350) / (1000 + 500) =
    // 86.67 %, at_risk; Bùi Hữu Nghĩa (31178) has not reported, so the ward's territory is not all in (0 of 1).
    expect(await stored('SOC-01', '916', '2025-Q3')).toBeUndefined();
    expect(await stored('SOC-01', '31120', '2025-Q3')).toMatchObject({
      numerator: 1300,
      denominator: 1500,
      status: 'at_risk',
      coverage: { reported: 0, expected: 1 },
      hierarchyVersion: '2025-07',
    });
    expect(await stored('SOC-01', '31120', '2025')).toMatchObject({ numerator: 1300, denominator: 1500, status: 'at_risk', hierarchyVersion: '2025-07' });
    // The new city: 31120's 1300/1500 and Ô Môn's (31153) 1900/2000 = 3200/3500, of 103 communes none complete.
    expect(await stored('SOC-01', '92', '2025-Q3')).toMatchObject({
      numerator: 3200,
      denominator: 3500,
      status: 'achieved',
      coverage: { reported: 0, expected: 103 },
    });
    expect(await stored('SOC-01', '31120', '2025-Q4')).toBeUndefined();
  });

  it('should count communes with fibre against every commune of the unit when a share of communes is computed', async () => {
    await computation.apply(fibreAvailable);

    // 917 has 7 communes; 2 have fibre: 2/7 = 28.57 % (off_track against 100). The city: 2 of 80 = 2.5 %.
    expect(await stored('SOC-02', '917', '2025-Q2')).toMatchObject({
      numerator: 2,
      denominator: 7,
      status: 'off_track',
      coverage: { reported: 3, expected: 7 },
    });
    expect((await stored('SOC-02', '917', '2025-Q2'))?.value).toBeCloseTo(200 / 7, 9);
    expect(await stored('SOC-02', '92', '2025-Q2')).toMatchObject({
      value: 2.5,
      numerator: 2,
      denominator: 80,
      status: 'off_track',
      coverage: { reported: 3, expected: 80 },
    });
    expect(await stored('SOC-02', '31153', '2025-Q2')).toMatchObject({ value: 100, status: 'achieved' });
    expect(await stored('SOC-02', '31156', '2025-Q2')).toMatchObject({ value: 0, status: 'off_track' });
  });

  it("should compute a unit's own records against its level's target when own-scope work records arrive", async () => {
    await computation.apply(workRecords);

    // City's own offices: 190/200 = 95 %, city target 100: 5 behind, at_risk (tolerance inclusive).
    expect(await stored('GOV-04', '92', '2025-01')).toMatchObject({
      value: 95,
      target: { year: 2030, op: '>=', value: 100 },
      expected: 100,
      status: 'at_risk',
    });
    // District 917's own: January 80/100 = 80 % against the district target 90: off_track; February 100 %.
    expect(await stored('GOV-04', '917', '2025-01')).toMatchObject({ value: 80, target: { year: 2030, op: '>=', value: 90 }, status: 'off_track' });
    expect(await stored('GOV-04', '917', '2025-02')).toMatchObject({ value: 100, status: 'achieved' });
    // Q1 sums the months in: 180/200 = 90 %, achieved; March is missing: 2 of 3 unit-months.
    expect(await stored('GOV-04', '917', '2025-Q1')).toMatchObject({
      value: 90,
      numerator: 180,
      denominator: 200,
      status: 'achieved',
      coverage: { reported: 2, expected: 3 },
    });
    // The year 2025 is the two-level version's: no district 917. The new city's own offices read the old city's
    // to June: 190/200 = 95 %, at_risk; unit-months: January-June the old city and the 2 provinces outside
    // (3 × 6), July-December the new city (6): 1 of 24 reported.
    expect(await stored('GOV-04', '917', '2025')).toBeUndefined();
    expect(await stored('GOV-04', '92', '2025')).toMatchObject({
      value: 95,
      status: 'at_risk',
      coverage: { reported: 1, expected: 24 },
      hierarchyVersion: '2025-07',
    });
    // Commune 31153: 40/50 = 80 % meets the commune target 80. The district's value ignores it (own scope).
    expect(await stored('GOV-04', '31153', '2025-01')).toMatchObject({ value: 80, target: { year: 2030, op: '>=', value: 80 }, status: 'achieved' });
    expect(await stored('GOV-04', '916', '2025-01')).toBeUndefined();
  });

  it('should compute year-on-year growth and the following year when productivity arrives out of order', async () => {
    await computation.apply(productivity);

    // 2025: (106 − 100)/100 = 6 %, floor 7 %: 1 behind, at_risk. 2024: (100 − 95)/95 = 5.26 %, at_risk. 2023: no 2022.
    expect(await stored('ECO-02', '92', '2025')).toMatchObject({ value: 6, target: { year: 2025, op: '>=', value: 7 }, expected: 7, status: 'at_risk' });
    expect((await stored('ECO-02', '92', '2024'))?.value).toBeCloseTo(((100 - 95) * 100) / 95, 9);
    expect(await stored('ECO-02', '92', '2024')).toMatchObject({ target: { year: 2024, op: '>=', value: 7 }, status: 'at_risk' });
    expect(await stored('ECO-02', '92', '2023')).toMatchObject({ value: null, status: 'no_data' });
  });

  it('should take the lowest sector and sum the breakdown for the total when GRDP arrives by sector', async () => {
    await computation.apply(grdp);

    // Sectors: 500/10000 = 5 %, 3000/20000 = 15 %, 4000/20000 = 20 %: the minimum is 5 %, 5 behind 10: at_risk.
    expect(await stored('ECO-03', '92', '2024')).toEqual({
      indicator: 'ECO-03',
      unit: '92',
      period: '2024',
      value: 5,
      numerator: 500,
      denominator: 10000,
      target: { year: 2025, op: '>=', value: 10 },
      expected: 10,
      status: 'at_risk',
      coverage: { reported: 1, expected: 1 },
      hierarchyVersion: '2024-11',
    });
    // ECO-01 uses the totals, here the sums of the breakdown: 7500/50000 = 15 %, 5 behind 20: at_risk.
    expect(await stored('ECO-01', '92', '2024')).toMatchObject({ value: 15, numerator: 7500, denominator: 50000, status: 'at_risk' });
  });

  it('should treat a lower rank as better when the DTI rank arrives', async () => {
    await computation.apply(ranks);

    // 2023 rank 8 ≤ 10: achieved. 2024 rank 12: 2 places behind, at_risk, and 4 places down (> 2): a regression.
    expect(await stored('OVR-01', '92', '2023')).toMatchObject({ value: 8, status: 'achieved' });
    expect(await stored('OVR-01', '92', '2024')).toMatchObject({ value: 12, target: { year: 2025, op: '<=', value: 10 }, expected: 10, status: 'at_risk' });
    expect(await stored('OVR-01', '92', '2025')).toMatchObject({ value: 9, status: 'achieved' });
  });

  it('should change the commune, its district and the city once when a revision arrives out of order and duplicated', async () => {
    const third = revised(fibre31120, 470, 3);
    const second = revised(fibre31120, 400, 2);
    // Revision 3 first; then a re-delivery of revision 1 and of the household count; then the late revision 2.
    await computation.feed.publish([third, fibre31120, total31120, third, second]);
    await expectEventually(async () => expect(await computation.db.isProcessed(second.id)).toBe(true), { timeoutMs: 30_000 });

    // 31120: 470/500 = 94 %. District 916: 1420/1500 = 94.67 %. City: 3320/3500 = 94.86 %. All achieved.
    // The new ward 31120 (Q3, 2025) carries 1420/1500 too, and the new city 3320/3500.
    expect(await stored('SOC-01', '31120', '2025-Q2')).toMatchObject({ value: 94, numerator: 470, status: 'achieved' });
    expect(await stored('SOC-01', '916', '2025-Q2')).toMatchObject({ numerator: 1420, denominator: 1500, status: 'achieved' });
    expect((await stored('SOC-01', '916', '2025-Q2'))?.value).toBeCloseTo((1420 * 100) / 1500, 9);
    expect(await stored('SOC-01', '92', '2025-Q2')).toMatchObject({ numerator: 3320, denominator: 3500, status: 'achieved' });
    expect((await stored('SOC-01', '92', '2025-Q2'))?.value).toBeCloseTo((3320 * 100) / 3500, 9);
    expect(await stored('SOC-01', '31120', '2025-Q3')).toMatchObject({ numerator: 1420, denominator: 1500, status: 'achieved' });
    expect(await stored('SOC-01', '92', '2025')).toMatchObject({ numerator: 3320, denominator: 3500, status: 'achieved' });
  });

  it('should publish exactly the hand-derived status events, each once, when the scenario has run', async () => {
    const slip = (severity: string, indicator: string, unit: string, period: string, statusValue: string, previousStatus?: string) =>
      ['status_slip', severity, indicator, unit, period, statusValue, previousStatus ?? '-'].join(' ');
    const recovered = (indicator: string, unit: string, period: string, statusValue: string, previousStatus: string) =>
      ['status_recovered', 'info', indicator, unit, period, statusValue, previousStatus].join(' ');
    const expected = [
      // SOC-01: 31120 falls to 70 % (off_track) for Q2 when its household count arrives, and 916 from 95 %
      // to 86.67 % (its fibre count alone, without households, changed nothing: matched pairs). In the
      // two-level version the new ward 31120 (Q3, 2025) falls from 95 % (31117 alone) to 86.67 % with it.
      // The revision to 470 brings all of them back.
      slip('critical', 'SOC-01', '31120', '2025-Q2', 'off_track'),
      slip('warning', 'SOC-01', '916', '2025-Q2', 'at_risk', 'achieved'),
      slip('warning', 'SOC-01', '31120', '2025-Q3', 'at_risk', 'achieved'),
      slip('warning', 'SOC-01', '31120', '2025', 'at_risk', 'achieved'),
      recovered('SOC-01', '31120', '2025-Q2', 'achieved', 'off_track'),
      recovered('SOC-01', '31120', '2025-Q3', 'achieved', 'at_risk'),
      recovered('SOC-01', '31120', '2025', 'achieved', 'at_risk'),
      recovered('SOC-01', '916', '2025-Q2', 'achieved', 'at_risk'),
      // SOC-02: first values off_track for 917 and the city (1 commune of 7 / of 80), and for 31156 (0), in Q2.
      // The year 2025 is the two-level version's, whose merged communes have several predecessors: a fibre
      // flag does not add up, so they have no value (no_data, no event).
      ...['917', '92', '31156'].map((u) => slip('critical', 'SOC-02', u, '2025-Q2', 'off_track')),
      // GOV-04: the city at_risk in January (month, Q1, and the new city's year from the old city's months);
      // 917 off_track in January (month, Q1; no district in 2025) and recovers with February.
      ...['2025-01', '2025-Q1', '2025'].map((p) => slip('warning', 'GOV-04', '92', p, 'at_risk')),
      ...['2025-01', '2025-Q1'].map((p) => slip('critical', 'GOV-04', '917', p, 'off_track')),
      recovered('GOV-04', '917', '2025-02', 'achieved', 'off_track'),
      recovered('GOV-04', '917', '2025-Q1', 'achieved', 'off_track'),
      // ECO-02: 2025 (the new city against old Can Tho's 2024) becomes computable with 2024, 2024 with 2023;
      // both below the 7 % floor.
      slip('warning', 'ECO-02', '92', '2025', 'at_risk'),
      slip('warning', 'ECO-02', '92', '2024', 'at_risk'),
      slip('warning', 'ECO-03', '92', '2024', 'at_risk'),
      // ECO-01 went 75 % → 25 % (achieved) → 15 % as the sector totals came in.
      slip('warning', 'ECO-01', '92', '2024', 'at_risk', 'achieved'),
      // OVR-01: rank 8 → 12 is a slip and a regression (4 places > 2). The year 2025 is the new city's: its
      // first value carries the old city's 2024 rank 12 through formedFrom (its only loaded predecessor), 2
      // places behind 10: a slip with nothing known before it (the old city's 2025 value is another version's);
      // its own rank 9 then recovers it.
      slip('warning', 'OVR-01', '92', '2024', 'at_risk', 'achieved'),
      ['regression', 'warning', 'OVR-01', '92', '2024', 'at_risk', 'achieved'].join(' '),
      slip('warning', 'OVR-01', '92', '2025', 'at_risk'),
      recovered('OVR-01', '92', '2025', 'achieved', 'at_risk'),
    ].sort();
    expect(expected).toHaveLength(26);

    await expectEventually(
      async () => {
        expect(await computation.db.outboxCount()).toBe(0);
        expect(computation.status.messages.length).toBeGreaterThanOrEqual(expected.length);
      },
      { timeoutMs: 30_000 },
    );
    const events = decodeStatusEvents(computation.status.messages);
    const described = events
      .map(({ data }) =>
        'measure' in data
          ? [data.kind, data.severity, data.measure, data.unit, data.period].join(' ')
          : [data.kind, data.severity, data.indicator, data.unit, data.period, data.status, data.previousStatus ?? '-'].join(' '),
      )
      .sort();
    expect(described).toEqual(expected);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('should publish each stored value as the latest message of its key and never the same value twice in a row', async () => {
    const table = await computation.db.values();
    await expectEventually(
      async () => {
        expect(await computation.db.outboxCount()).toBe(0);
        const latest = new Map(decodeValues(computation.values.messages).map((m) => [valueKey(m), withoutComputedAt(m)]));
        expect(latest).toEqual(table);
      },
      { timeoutMs: 30_000 },
    );
    const seen = new Map<string, string>();
    for (const message of decodeValues(computation.values.messages)) {
      const key = `${message.indicator}|${message.unit}|${message.period}`;
      const body = JSON.stringify(withoutComputedAt(message));
      expect(seen.get(key)).not.toBe(body);
      seen.set(key, body);
    }
  });
});
