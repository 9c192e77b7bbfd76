import request from 'supertest';

import { IndicatorComputedV1, rankingResponseSchema, scorecardResponseSchema, seriesResponseSchema } from '@dx/contracts';
import { expectEventually } from '@dx/testing';

import { Pipeline, startPipeline } from '../support/pipeline.util';

// The whole pipeline up to the portal API: agencies' submissions → ingestion → computation → reporting.
// Numbers are computed here by hand for a commune, a district and the city (SOC-01, households with fibre).
describe('A scripted scenario reaching the portal API', () => {
  let pipeline: Pipeline;

  const get = (path: string) => request(pipeline.portal).get(path);
  const soc01 = async (unit: string, period: string) => {
    const card = scorecardResponseSchema.parse((await get(`/v1/scorecard?unit=${unit}&period=${period}`)).body);
    return card.indicators.find((i) => i.code === 'SOC-01');
  };
  /** The latest SOC-01 message computation published for each unit and period. */
  const publishedValues = () => {
    const latest = new Map<string, IndicatorComputedV1>();
    for (const value of pipeline.publishedValues()) if (value.indicator === 'SOC-01') latest.set(`${value.unit}/${value.period}`, value);
    return latest;
  };

  beforeAll(async () => {
    pipeline = await startPipeline({
      name: 'reporting',
      reporting: true,
      env: { DX_CLOCK_NOW: '2025-07-20T09:00:00+07:00' },
    });
    await pipeline.collectValues();
    await pipeline.createAgency();
  });

  afterAll(async () => {
    await pipeline?.close();
  });

  it('should show computation’s numbers in the scorecard, series and ranking, and follow a revision', async () => {
    await pipeline.submit([
      // Phường Cái Khế (31117) and Phường An Hòa (31120) in Quận Ninh Kiều (916); Phường Châu Văn Liêm (31153) in Quận Ô Môn (917).
      { measure: 'households.total', unit: '31117', period: '2025-Q1', value: 5000 },
      { measure: 'households.fibre', unit: '31117', period: '2025-Q1', value: 4500 },
      { measure: 'households.total', unit: '31117', period: '2025-Q2', value: 5000 },
      { measure: 'households.fibre', unit: '31117', period: '2025-Q2', value: 4600 },
      { measure: 'households.total', unit: '31120', period: '2025-Q2', value: 4000 },
      { measure: 'households.fibre', unit: '31120', period: '2025-Q2', value: 3000 },
      { measure: 'households.total', unit: '31153', period: '2025-Q2', value: 2000 },
      { measure: 'households.fibre', unit: '31153', period: '2025-Q2', value: 1000 },
    ]);

    // Commune: 4600 / 5000 = 92 %. District 916: (4600 + 3000) / (5000 + 4000) = 84.44 %.
    // City: (4600 + 3000 + 1000) / (5000 + 4000 + 2000) = 78.18 %.
    await expectEventually(
      async () => {
        expect((await soc01('31117', '2025-Q2'))?.value).toBe(92);
        expect((await soc01('916', '2025-Q2'))?.value).toBeCloseTo((7600 / 9000) * 100, 9);
        expect((await soc01('92', '2025-Q2'))?.value).toBeCloseTo((8600 / 11000) * 100, 9);
      },
      { timeoutMs: 60_000 },
    );
    const district = await soc01('916', '2025-Q2');
    expect(district).toMatchObject({ numerator: 7600, denominator: 9000, coverage: { reported: 2, expected: 8 } });
    // Every level equals what computation published.
    const fromComputation = publishedValues();
    for (const unit of ['31117', '31120', '31153', '916', '917', '92']) {
      const entry = await soc01(unit, '2025-Q2');
      const message = fromComputation.get(`${unit}/2025-Q2`);
      expect(entry).toMatchObject({ value: message?.value, status: message?.status, expected: message?.expected, coverage: message?.coverage });
    }

    const series = seriesResponseSchema.parse((await get('/v1/indicators/SOC-01/series?unit=31117&version=2024-11')).body);
    expect(series.points.map((p) => [p.period, p.value])).toEqual([
      ['2025-Q1', 90],
      ['2025-Q2', 92],
    ]);
    expect(series.targets).toEqual([
      { year: 2025, op: '>', value: 90 },
      { year: 2030, op: '>=', value: 100 },
    ]);

    const wards = rankingResponseSchema.parse((await get('/v1/indicators/SOC-01/ranking?parent=916&period=2025-Q2')).body);
    expect(wards.units.slice(0, 2).map((u) => [u.rank, u.unit, u.value])).toEqual([
      [1, '31117', 92],
      [2, '31120', 75],
    ]);
    expect(wards.units.slice(2).every((u) => u.rank === null && u.status === 'no_data')).toBe(true);
    const districts = rankingResponseSchema.parse((await get('/v1/indicators/SOC-01/ranking?parent=92&period=2025-Q2')).body);
    expect(districts.units.slice(0, 2).map((u) => [u.rank, u.unit])).toEqual([
      [1, '916'],
      [2, '917'],
    ]);

    // A revision: An Hòa's fibre households were 3600, not 3000 → 90 %; Ninh Kiều 8200 / 9000; the city 9200 / 11000.
    const cursor = (await get('/v1/changes?after=0&limit=1000')).body.next;
    await pipeline.submit([{ measure: 'households.fibre', unit: '31120', period: '2025-Q2', value: 3600 }]);
    await expectEventually(
      async () => {
        expect((await soc01('916', '2025-Q2'))?.value).toBeCloseTo((8200 / 9000) * 100, 9);
        expect((await soc01('92', '2025-Q2'))?.value).toBeCloseTo((9200 / 11000) * 100, 9);
      },
      { timeoutMs: 60_000 },
    );
    const revisedSeries = seriesResponseSchema.parse((await get('/v1/indicators/SOC-01/series?unit=31120&version=2024-11')).body);
    expect(revisedSeries.points.map((p) => [p.period, p.value])).toEqual([['2025-Q2', 90]]);
    const changed = (await get(`/v1/changes?after=${cursor}&limit=1000`)).body.items as Array<{
      indicator: string;
      unit: string;
      period: string;
      value: number;
    }>;
    const soc = changed.filter((c) => c.indicator === 'SOC-01' && c.period === '2025-Q2').map((c) => [c.unit, Number(c.value.toFixed(6))]);
    expect(soc).toEqual(
      expect.arrayContaining([
        ['31120', 90],
        ['916', Number(((8200 / 9000) * 100).toFixed(6))],
        ['92', Number(((9200 / 11000) * 100).toFixed(6))],
      ]),
    );
  });
});
