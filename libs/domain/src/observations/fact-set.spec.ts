import { FactSet } from './fact-set';
import { observationKey, reportKey } from './observation-key.util';

describe('FactSet', () => {
  it('should use the reported total when there is one, else the sum of the breakdown', () => {
    const facts = new FactSet([
      { measure: 'grdp.total', unit: '92', period: '2024', value: 100, dimensions: { sector: 'agriculture' } },
      { measure: 'grdp.total', unit: '92', period: '2024', value: 250, dimensions: { sector: 'industry' } },
    ]);
    // 100 + 250
    expect(facts.total('grdp.total', '92', '2024')).toBe(350);
    facts.add({ measure: 'grdp.total', unit: '92', period: '2024', value: 400 });
    expect(facts.total('grdp.total', '92', '2024')).toBe(400);
    expect(facts.get('grdp.total', '92', '2024', { sector: 'industry' })).toBe(250);
    expect(facts.size).toBe(3);
  });

  it('should keep the latest value when a revision lowers it', () => {
    const facts = new FactSet([{ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1200 }]);
    facts.add({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1100 });
    expect(facts.get('households.total', '31117', '2025-Q1')).toBe(1100);
    expect(facts.size).toBe(1);
  });

  it('should keep a code of two versions apart when facts carry their version', () => {
    // 31135: old Phường Tân An (2024-11) and the new Phường Ninh Kiều (2025-07) report the same year.
    const facts = new FactSet([
      { measure: 'population.total', unit: '31135', period: '2025', value: 10000, hierarchyVersion: '2024-11' },
      { measure: 'population.total', unit: '31135', period: '2025', value: 30000, hierarchyVersion: '2025-07' },
    ]);
    expect(facts.total('population.total', '31135', '2025', '2024-11')).toBe(10000);
    expect(facts.total('population.total', '31135', '2025', '2025-07')).toBe(30000);
    expect(facts.size).toBe(2);
  });

  it("should give a fact without a version to a read in any version, the version in force being the reader's", () => {
    const facts = new FactSet([{ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1200 }]);
    expect(facts.total('households.total', '31117', '2025-Q1', '2024-11')).toBe(1200);
    facts.add({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1300, hierarchyVersion: '2024-11' });
    // The fact recorded with its version wins.
    expect(facts.total('households.total', '31117', '2025-Q1', '2024-11')).toBe(1300);
  });

  it('should return undefined when nothing was reported', () => {
    const facts = new FactSet();
    expect(facts.total('households.total', '31117', '2025-Q1')).toBeUndefined();
    expect(facts.get('households.total', '31117', '2025-Q1', { sector: 'x' })).toBeUndefined();
  });
});

describe('observationKey', () => {
  it('should give the same key when dimensions come in another order', () => {
    expect(observationKey({ measure: 'm.x', unit: '92', period: '2024', dimensions: { b: '2', a: '1' } })).toBe(
      observationKey({ measure: 'm.x', unit: '92', period: '2024', dimensions: { a: '1', b: '2' } }),
    );
  });

  it('should read like a path and escape dimension text when built', () => {
    expect(observationKey({ measure: 'grdp.digital', unit: '92', period: '2024', dimensions: { sector: 'industry' } })).toBe(
      'grdp.digital/92/2024?sector=industry',
    );
    expect(observationKey({ measure: 'households.total', unit: '31117', period: '2025-Q1' })).toBe('households.total/31117/2025-Q1');
    expect(observationKey({ measure: 'm', unit: '1', period: '2024', dimensions: { 'a&b': 'c=d' } })).toBe('m/1/2024?a%26b=c%3Dd');
  });
});

describe('reportKey', () => {
  it('should give one key for every observation of a measure, unit and period, whatever its dimensions', () => {
    const report = { measure: 'grdp.digital', unit: '92', period: '2024' };
    expect(reportKey({ ...report, dimensions: { sector: 'industry' } } as typeof report)).toBe('grdp.digital/92/2024');
    expect(reportKey(report)).toBe(observationKey(report));
    expect(reportKey({ ...report, unit: '93' })).not.toBe(reportKey(report));
  });
});
