import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.constant';
import { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from '../units/hierarchy-registry';
import { UnitHierarchy } from '../units/unit-hierarchy';
import { agencyMayReport, checkObservation, measurePatternMatches, ObservationCheckContext, RejectionCode } from './check-observation.util';

const registry = HierarchyRegistry.withDefaults();
const canTho = registry.version(THREE_LEVEL_VERSION_ID) as UnitHierarchy;
// A Ninh Kiều ward and an Ô Môn ward of the three-level version.
const NINH_KIEU_WARD = canTho.children('916')[0].code;
const O_MON_WARD = canTho.children('917')[0].code;
const ctx: ObservationCheckContext = { catalogue: DEFAULT_CATALOGUE, hierarchy: canTho, now: new Date('2025-07-20T03:00:00Z') };
const valid = { measure: 'households.fibre', unit: NINH_KIEU_WARD, period: '2025-Q2', value: 4210 };

describe('checkObservation', () => {
  it('should accept and normalise the observation when every check passes', () => {
    expect(checkObservation(valid, ctx)).toEqual({ ok: true, observation: valid, hierarchyVersion: THREE_LEVEL_VERSION_ID });
    expect(checkObservation({ measure: 'grdp.digital', unit: '92', period: '2024', value: 18250.5, dimensions: { sector: 'industry' } }, ctx)).toEqual({
      ok: true,
      observation: { measure: 'grdp.digital', unit: '92', period: '2024', value: 18250.5, dimensions: { sector: 'industry' } },
      hierarchyVersion: THREE_LEVEL_VERSION_ID,
    });
    // An empty dimensions object is the total.
    expect(checkObservation({ ...valid, dimensions: {} }, ctx)).toEqual({ ok: true, observation: valid, hierarchyVersion: THREE_LEVEL_VERSION_ID });
  });

  it.each<[string, Record<string, unknown>, RejectionCode]>([
    ['an unknown measure', { measure: 'households.fiber' }, 'unknown_measure'],
    ['a measure that is not text', { measure: 42 }, 'unknown_measure'],
    ['an unknown unit', { unit: '99999' }, 'unknown_unit'],
    ['a unit of the wrong level', { unit: '916' }, 'level_not_allowed'],
    ['city-level GRDP reported by a district', { measure: 'grdp.total', unit: '916', period: '2024', value: 1 }, 'level_not_allowed'],
    ['a malformed period', { period: '2025-Q5' }, 'invalid_period'],
    ['a period before 2000', { period: '1999-Q4' }, 'invalid_period'],
    ['the year 0000', { measure: 'grdp.total', unit: '92', period: '0000', value: 1 }, 'invalid_period'],
    ['a period of the wrong frequency', { period: '2025-06' }, 'invalid_period'],
    ['a year for a quarterly measure', { period: '2025' }, 'invalid_period'],
    ['a period that has not started', { period: '2025-Q4' }, 'period_in_future'],
    ['a value that is text', { value: '4210' }, 'invalid_value'],
    ['a value that is NaN', { value: Number.NaN }, 'invalid_value'],
    ['an infinite value', { value: Number.POSITIVE_INFINITY }, 'invalid_value'],
    ['a negative count', { value: -1 }, 'invalid_value'],
    ['a fractional count', { value: 4210.5 }, 'invalid_value'],
    ['a fibre flag of 2', { measure: 'fibre.available', value: 2 }, 'invalid_value'],
    ['a negative GRDP', { measure: 'grdp.total', unit: '92', period: '2024', value: -0.1 }, 'invalid_value'],
    ['a DTI rank of 0', { measure: 'dti.rank', unit: '92', period: '2024', value: 0 }, 'invalid_value'],
    ['a DTI rank of 64', { measure: 'dti.rank', unit: '92', period: '2024', value: 64 }, 'invalid_value'],
    ['a dimension the measure does not have', { dimensions: { sector: 'industry' } }, 'invalid_dimensions'],
    ['an unknown sector', { measure: 'grdp.total', unit: '92', period: '2024', value: 1, dimensions: { sector: 'mining' } }, 'invalid_dimensions'],
    ['dimensions that are not an object', { dimensions: 'sector=industry' }, 'invalid_dimensions'],
    ['a dimension value that is not text', { measure: 'grdp.total', unit: '92', period: '2024', value: 1, dimensions: { sector: 1 } }, 'invalid_dimensions'],
  ])('should reject the observation when it has %s', (_case, change, code) => {
    const result = checkObservation({ ...valid, ...change }, ctx);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) {
      expect(result.text.vi).not.toBe(result.text.en);
      expect(result.message).toBe(`${result.text.vi} / ${result.text.en}`);
    }
  });

  it.each([null, undefined, 'text', 42, []])('should reject without throwing when the input is %p', (input) => {
    expect(checkObservation(input, ctx)).toMatchObject({ ok: false, code: 'unknown_measure' });
  });

  it('should report the first failing check when several fail', () => {
    // Unknown unit and bad value and bad period: the unit is checked first.
    expect(checkObservation({ ...valid, unit: 'x', period: 'y', value: -1 }, ctx)).toMatchObject({ code: 'unknown_unit' });
    // Bad period and bad value: the period is checked first.
    expect(checkObservation({ ...valid, period: '2025-13', value: -1 }, ctx)).toMatchObject({ code: 'invalid_period' });
    // A future period with a bad value: the future is checked before the value.
    expect(checkObservation({ ...valid, period: '2026-Q1', value: -1 }, ctx)).toMatchObject({ code: 'period_in_future' });
  });

  it('should accept the current, unfinished period when it has started', () => {
    expect(checkObservation({ ...valid, period: '2025-Q3' }, ctx)).toMatchObject({ ok: true });
  });

  it('should cap the DTI rank at 34 when the year is after 2025', () => {
    const rank = { measure: 'dti.rank', unit: '92', value: 40 };
    const now = new Date('2027-01-01T00:00:00Z');
    expect(checkObservation({ ...rank, period: '2025' }, { ...ctx, now })).toMatchObject({ ok: true });
    expect(checkObservation({ ...rank, period: '2026' }, { ...ctx, now })).toMatchObject({ ok: false, code: 'invalid_value' });
  });

  it('should check the unit against the version in force for the period when given the registry', () => {
    // Both shipped versions are in force by default, each from its effective date.
    const registry = HierarchyRegistry.withDefaults();
    const now = new Date('2025-11-01T00:00:00Z');
    // 31123 (Thới Bình) was merged into Phường Ninh Kiều on 1 July 2025.
    const old = { measure: 'households.total', unit: '31123', value: 10 };
    expect(checkObservation({ ...old, period: '2025-Q2' }, { ...ctx, hierarchy: registry, now })).toMatchObject({
      ok: true,
      hierarchyVersion: THREE_LEVEL_VERSION_ID,
    });
    expect(checkObservation({ ...old, period: '2025-Q3' }, { ...ctx, hierarchy: registry, now })).toMatchObject({ ok: false, code: 'unknown_unit' });
    // An old ward with a malformed or future period: the period is what is wrong.
    expect(checkObservation({ ...old, period: '2025-13' }, { ...ctx, hierarchy: registry, now })).toMatchObject({ ok: false, code: 'invalid_period' });
    expect(checkObservation({ ...old, period: '2999-Q1' }, { ...ctx, hierarchy: registry, now })).toMatchObject({ ok: false, code: 'period_in_future' });
    expect(checkObservation({ ...old, unit: '99999', period: '2999-Q1' }, { ...ctx, hierarchy: registry, now })).toMatchObject({
      ok: false,
      code: 'unknown_unit',
    });
    // The new ward 31135 reports from Q3 in the two-level version.
    expect(checkObservation({ ...old, unit: '31135', period: '2025-Q3' }, { ...ctx, hierarchy: registry, now })).toMatchObject({
      ok: true,
      hierarchyVersion: TWO_LEVEL_VERSION_ID,
    });
  });

  it.each([
    [{ measures: ['households.*'], units: ['916'] }, 'households.fibre', NINH_KIEU_WARD, true],
    [{ measures: ['households.*'], units: ['916'] }, 'households.fibre', O_MON_WARD, false],
    [{ measures: ['households.*'], units: ['916'] }, 'fibre.available', NINH_KIEU_WARD, false],
    [{ measures: ['*'], units: ['92'] }, 'households.fibre', O_MON_WARD, true],
    [{ measures: ['households.fibre'], units: [NINH_KIEU_WARD] }, 'households.fibre', NINH_KIEU_WARD, true],
    [{ measures: ['households.total'], units: [NINH_KIEU_WARD] }, 'households.fibre', NINH_KIEU_WARD, false],
  ])('should scope agency %j for %s at %s to %s when checked', (agency, measure, unit, expected) => {
    expect(agencyMayReport(agency, measure, unit, canTho)).toBe(expected);
    const result = checkObservation({ ...valid, measure, unit, value: 1 }, { ...ctx, agency });
    expect(result.ok ? 'ok' : result.code).toBe(expected ? 'ok' : 'out_of_scope');
  });

  it.each([
    ['households.*', 'households.fibre', true],
    ['households.*', 'households', false],
    ['*', '', true],
    ['*.total', 'households.total', true],
    ['*.total', 'households.fibre', false],
    ['population.covered_*', 'population.covered_5g', true],
    ['pop*cov*5g', 'population.covered_5g', true],
    ['pop*5g*cov', 'population.covered_5g', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['dti.rank', 'dti.rank', true],
    ['dti.rank', 'dti.ranks', false],
  ])('should match pattern %p against %p as %p', (pattern, text, expected) => {
    expect(measurePatternMatches(pattern, text)).toBe(expected);
  });

  it('should answer at once when a pattern of many stars meets a long text that does not match', () => {
    // Issue 8, L2: as a regular expression `^.*.*.*.*.*.*.*.*.*.*x$` backtracks through every way of splitting
    // 10,000 characters ten ways and never finishes; matched piece by piece it is one scan of the text.
    const text = 'a'.repeat(10_000);
    expect(measurePatternMatches('**********x', text)).toBe(false);
    expect(measurePatternMatches('**********x', `${text}x`)).toBe(true);
    expect(measurePatternMatches('*a*a*a*a*a*a*a*a*a*b', text)).toBe(false);
  });

  it('should read the dot of a measure pattern literally when matching', () => {
    expect(agencyMayReport({ measures: ['households.*'], units: ['92'] }, 'households', NINH_KIEU_WARD, canTho)).toBe(false);
    expect(agencyMayReport({ measures: ['households.*'], units: ['92'] }, 'householdsXtotal', NINH_KIEU_WARD, canTho)).toBe(false);
  });
});

describe('checkObservation messages', () => {
  it('should not echo control or bidirectional-override characters when it quotes the input', () => {
    const result = checkObservation(
      { measure: 'house\u0000holds\u202e', unit: '92', period: '2025', value: 1 },
      { catalogue: DEFAULT_CATALOGUE, hierarchy: HierarchyRegistry.withDefaults(), now: new Date('2026-01-01T00:00:00Z') },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('house\ufffdholds\ufffd');
    expect(!result.ok && (result.message.includes('\u0000') || result.message.includes('\u202e'))).toBe(false);
  });
});
