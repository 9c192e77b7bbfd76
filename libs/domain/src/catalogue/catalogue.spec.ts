import { InvalidDefinitionError } from '../shared/invalid-definition.exception';
import { loadCatalogue, withTargets } from './catalogue';
import { CatalogueDefinition } from './catalogue.type';
import { DEFAULT_CATALOGUE } from './default-catalogue.constant';

const definition = DEFAULT_CATALOGUE.toDefinition();

function loadWith(change: (d: CatalogueDefinition) => CatalogueDefinition): () => unknown {
  return () => loadCatalogue(change(definition));
}

function expectInvalid(load: () => unknown, code: string, entry: string): void {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    expect((error as InvalidDefinitionError).code).toBe(code);
    expect((error as InvalidDefinitionError).entry).toContain(entry);
    return;
  }
  throw new Error('expected the catalogue to be rejected');
}

describe('Catalogue', () => {
  describe('default catalogue', () => {
    it.each([
      // code, kind, frequency, due, levels, across units
      ['public_services.total', 'stock', 'quarter', 15, [1, 2, 3], 'sum'],
      ['public_services.level4_multichannel', 'stock', 'quarter', 15, [1, 2, 3], 'sum'],
      ['online_users.total', 'flow', 'quarter', 15, [1, 2, 3], 'sum'],
      ['online_users.eid', 'flow', 'quarter', 15, [1, 2, 3], 'sum'],
      ['procedure_results.valid', 'stock', 'quarter', 15, [1, 2, 3], 'sum'],
      ['procedure_results.digitised', 'stock', 'quarter', 15, [1, 2, 3], 'sum'],
      ['work_records.total', 'flow', 'month', 10, [1, 2, 3], 'sum'],
      ['work_records.online', 'flow', 'month', 10, [1, 2, 3], 'sum'],
      ['grdp.total', 'flow', 'year', 90, [1], 'none'],
      ['grdp.digital', 'flow', 'year', 90, [1], 'none'],
      ['labour_productivity', 'stock', 'year', 90, [1], 'none'],
      ['households.total', 'stock', 'quarter', 15, [3], 'sum'],
      ['households.fibre', 'stock', 'quarter', 15, [3], 'sum'],
      ['fibre.available', 'stock', 'quarter', 15, [3], 'none'],
      ['population.total', 'stock', 'year', 60, [3], 'sum'],
      ['population.adult', 'stock', 'year', 60, [3], 'sum'],
      ['population.covered_4g5g', 'stock', 'quarter', 15, [3], 'sum'],
      ['population.covered_5g', 'stock', 'quarter', 15, [3], 'sum'],
      ['population.smartphone', 'stock', 'quarter', 15, [3], 'sum'],
      ['population.digital_id', 'stock', 'quarter', 15, [3], 'sum'],
      ['population.health_record', 'stock', 'quarter', 15, [3], 'sum'],
      ['payment_accounts.holders', 'stock', 'quarter', 15, [2, 3], 'sum'],
      ['payment_accounts.eligible', 'stock', 'year', 60, [2, 3], 'sum'],
      ['dti.rank', 'stock', 'year', 180, [1], 'none'],
    ])('should define %s as in the measures table when loaded', (code, kind, frequency, dueDays, levels, acrossUnits) => {
      expect(DEFAULT_CATALOGUE.measure(code)).toMatchObject({ kind, frequency, dueDays, levels, acrossUnits });
      expect(DEFAULT_CATALOGUE.measure(code)?.name.vi).toBeTruthy();
      expect(DEFAULT_CATALOGUE.measure(code)?.name.en).toBeTruthy();
    });

    it('should hold exactly the 24 measures and 16 indicators when loaded', () => {
      expect(DEFAULT_CATALOGUE.measures).toHaveLength(24);
      expect(DEFAULT_CATALOGUE.indicators.map((i) => i.code)).toEqual([
        'GOV-01',
        'GOV-02',
        'GOV-03',
        'GOV-04',
        'ECO-01',
        'ECO-02',
        'ECO-03',
        'SOC-01',
        'SOC-02',
        'SOC-03',
        'SOC-04',
        'SOC-05',
        'SOC-06',
        'SOC-07',
        'SOC-08',
        'OVR-01',
      ]);
    });

    it('should split GRDP by the three GSO sectors when a dimension is asked for', () => {
      expect(DEFAULT_CATALOGUE.measure('grdp.digital')?.dimensions).toEqual({ sector: ['agriculture', 'industry', 'services'] });
      expect(DEFAULT_CATALOGUE.measure('households.total')?.dimensions).toEqual({});
    });

    it.each([
      // code, pillar, scope, frequency, measures, targets as "year[level]op value"
      ['GOV-01', 'government', 'rollup', 'quarter', ['public_services.level4_multichannel', 'public_services.total'], ['2025 >= 80', '2030 >= 100']],
      ['GOV-02', 'government', 'rollup', 'quarter', ['online_users.eid', 'online_users.total'], ['2025 >= 100']],
      ['GOV-03', 'government', 'rollup', 'quarter', ['procedure_results.digitised', 'procedure_results.valid'], ['2025 >= 100']],
      ['GOV-04', 'government', 'own', 'month', ['work_records.online', 'work_records.total'], ['2030[1] >= 100', '2030[2] >= 90', '2030[3] >= 80']],
      ['ECO-01', 'economy', 'rollup', 'year', ['grdp.digital', 'grdp.total'], ['2025 >= 20', '2030 >= 30']],
      ['ECO-02', 'economy', 'own', 'year', ['labour_productivity'], ['2021-2025 >= 7', '2026-2030 >= 8']],
      ['ECO-03', 'economy', 'rollup', 'year', ['grdp.digital', 'grdp.total'], ['2025 >= 10', '2030 >= 20']],
      ['SOC-01', 'society', 'rollup', 'quarter', ['households.fibre', 'households.total'], ['2025 > 90', '2030 >= 100']],
      ['SOC-02', 'society', 'rollup', 'quarter', ['fibre.available'], ['2025 >= 100', '2030 >= 100']],
      ['SOC-03', 'society', 'rollup', 'quarter', ['population.covered_4g5g', 'population.total'], ['2025 >= 100', '2030 >= 100']],
      ['SOC-04', 'society', 'rollup', 'quarter', ['population.smartphone', 'population.adult'], ['2025 >= 100', '2030 >= 100']],
      ['SOC-05', 'society', 'rollup', 'quarter', ['population.covered_5g', 'population.total'], ['2030 >= 100']],
      ['SOC-06', 'society', 'rollup', 'quarter', ['payment_accounts.holders', 'payment_accounts.eligible'], ['2025 > 50', '2030 > 80']],
      ['SOC-07', 'society', 'rollup', 'quarter', ['population.digital_id', 'population.total'], ['2025 >= 100', '2030 >= 100']],
      ['SOC-08', 'society', 'rollup', 'quarter', ['population.health_record', 'population.total'], ['2025 >= 100', '2030 >= 100']],
      ['OVR-01', 'overall', 'own', 'year', ['dti.rank'], ['2025 <= 10', '2030 <= 10']],
    ])('should define %s as in the indicator catalogue when loaded', (code, pillar, scope, frequency, measures, targets) => {
      const indicator = DEFAULT_CATALOGUE.indicator(code);
      expect(indicator).toMatchObject({ pillar, scope, frequency, measures, baseline: { year: 2020 } });
      expect(indicator?.tolerance).toBe(5);
      expect(indicator?.regressionThreshold).toBe(2);
      expect(indicator?.higherIsBetter).toBe(code !== 'OVR-01');
      expect(indicator?.targets.map((t) => `${t.fromYear ? `${t.fromYear}-` : ''}${t.year}${t.level ? `[${t.level}]` : ''} ${t.op} ${t.value}`)).toEqual(
        targets,
      );
    });

    it('should find the indicators that read a measure when asked', () => {
      expect(DEFAULT_CATALOGUE.indicatorsUsingMeasure('population.total').map((i) => i.code)).toEqual(['SOC-03', 'SOC-05', 'SOC-07', 'SOC-08']);
      expect(DEFAULT_CATALOGUE.indicatorsUsingMeasure('grdp.total').map((i) => i.code)).toEqual(['ECO-01', 'ECO-03']);
      expect(DEFAULT_CATALOGUE.indicatorsUsingMeasure('no.such')).toEqual([]);
      expect(DEFAULT_CATALOGUE.indicator('XXX-99')).toBeUndefined();
    });
  });

  describe('validation', () => {
    it.each<[string, (d: CatalogueDefinition) => CatalogueDefinition, string, string]>([
      [
        'a formula over an unknown measure',
        (d) => ({
          ...d,
          indicators: d.indicators.map((i) =>
            i.code === 'SOC-01' ? { ...i, formula: { kind: 'ratio', numerator: 'households.fiber', denominator: 'households.total' } } : i,
          ),
        }),
        'unknown_measure',
        'indicator SOC-01',
      ],
      [
        'a target for an unknown indicator',
        (d) => ({ ...d, targets: [...d.targets, { indicator: 'SOC-99', kind: 'milestone', year: 2025, op: '>=', value: 1 }] }),
        'unknown_indicator',
        'SOC-99',
      ],
      ['a duplicate measure code', (d) => ({ ...d, measures: [...d.measures, d.measures[0]] }), 'duplicate_code', 'measure public_services.total'],
      ['a duplicate indicator code', (d) => ({ ...d, indicators: [...d.indicators, d.indicators[0]] }), 'duplicate_code', 'indicator GOV-01'],
      [
        'two milestones for the same year and units',
        (d) => ({ ...d, targets: [...d.targets, { indicator: 'GOV-01', kind: 'milestone', year: 2025, op: '>=', value: 90 }] }),
        'duplicate_target',
        'GOV-01',
      ],
      [
        'overlapping floors',
        (d) => ({ ...d, targets: [...d.targets, { indicator: 'ECO-02', kind: 'floor', fromYear: 2025, year: 2027, op: '>=', value: 9 }] }),
        'duplicate_target',
        'ECO-02',
      ],
      [
        'a target for a level the indicator is not computed at',
        (d) => ({ ...d, targets: [...d.targets, { indicator: 'ECO-01', kind: 'milestone', year: 2027, op: '>=', value: 25, level: 2 }] }),
        'invalid_target',
        'ECO-01',
      ],
      [
        'an unknown comparator',
        (d) => ({ ...d, targets: [...d.targets, { indicator: 'GOV-02', kind: 'milestone', year: 2030, op: '=>' as never, value: 100 }] }),
        'invalid_target',
        'GOV-02',
      ],
      [
        'a target without a finite value',
        (d) => ({ ...d, targets: [...d.targets, { indicator: 'GOV-02', kind: 'milestone', year: 2030, op: '>=', value: Number.NaN }] }),
        'invalid_target',
        'GOV-02',
      ],
      [
        'an unknown pillar',
        (d) => ({ ...d, indicators: d.indicators.map((i) => (i.code === 'OVR-01' ? { ...i, pillar: 'culture' as never } : i)) }),
        'unknown_pillar',
        'OVR-01',
      ],
      [
        'a measure without an English name',
        (d) => ({ ...d, measures: d.measures.map((m) => (m.code === 'dti.rank' ? { ...m, name: { vi: 'Xếp hạng', en: '' } } : m)) }),
        'missing_name',
        'dti.rank',
      ],
      [
        'a minimum over a dimension the measures lack',
        (d) => ({
          ...d,
          indicators: d.indicators.map((i) =>
            i.code === 'ECO-03'
              ? { ...i, formula: { kind: 'min_ratio_over_dimension', numerator: 'households.fibre', denominator: 'households.total', dimension: 'sector' } }
              : i,
          ),
        }),
        'invalid_formula',
        'ECO-03',
      ],
      [
        'a unit target without its hierarchy version',
        (d) => ({ ...d, targets: [...d.targets, { indicator: 'SOC-01', kind: 'milestone', year: 2027, op: '>=', value: 95, unit: '31135' }] }),
        'invalid_target',
        'SOC-01',
      ],
      [
        'a hierarchy version without a unit',
        (d) => ({ ...d, targets: [...d.targets, { indicator: 'SOC-01', kind: 'milestone', year: 2027, op: '>=', value: 95, hierarchyVersion: '2025-07' }] }),
        'invalid_target',
        'SOC-01',
      ],
      [
        'a ratio of a stock over a flow',
        (d) => ({
          ...d,
          indicators: d.indicators.map((i) =>
            i.code === 'SOC-01' ? { ...i, formula: { kind: 'ratio', numerator: 'households.fibre', denominator: 'online_users.total' } } : i,
          ),
        }),
        'invalid_formula',
        'SOC-01',
      ],
      [
        'a baseline year before 2000',
        (d) => ({ ...d, indicators: d.indicators.map((i) => (i.code === 'SOC-01' ? { ...i, baseline: { year: 1999 } } : i)) }),
        'invalid_baseline',
        'SOC-01',
      ],
      [
        'a measure with two dimensions',
        (d) => ({ ...d, measures: d.measures.map((m) => (m.code === 'grdp.total' ? { ...m, dimensions: { sector: ['a'], district: ['b'] } } : m)) }),
        'invalid_dimensions',
        'grdp.total',
      ],
    ])('should reject the catalogue when it has %s', (_case, change, code, entry) => {
      expectInvalid(loadWith(change), code, entry);
    });
  });

  describe('withTargets', () => {
    it("should replace only the indicator's targets when an admin changes them", () => {
      const changed = withTargets(DEFAULT_CATALOGUE, 'SOC-06', [{ kind: 'milestone', year: 2025, op: '>=', value: 60 }]);
      expect(changed.indicator('SOC-06')?.targets).toEqual([{ kind: 'milestone', year: 2025, op: '>=', value: 60 }]);
      expect(changed.indicator('SOC-01')?.targets).toEqual(DEFAULT_CATALOGUE.indicator('SOC-01')?.targets);
      // The default stays as it was: catalogues are values.
      expect(DEFAULT_CATALOGUE.indicator('SOC-06')?.targets).toHaveLength(2);
    });

    it('should reject the change when the indicator is unknown or a target is invalid', () => {
      expectInvalid(() => withTargets(DEFAULT_CATALOGUE, 'SOC-99', []), 'unknown_indicator', 'SOC-99');
      expectInvalid(
        () => withTargets(DEFAULT_CATALOGUE, 'OVR-01', [{ kind: 'floor', fromYear: 2030, year: 2026, op: '<=', value: 10 }]),
        'invalid_target',
        'OVR-01',
      );
    });
  });
});
