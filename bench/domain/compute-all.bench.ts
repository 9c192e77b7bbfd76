// Times computeAll (every indicator × every unit × every published period of one year) over synthetic facts
// for the 90 units of the 2024-11 hierarchy, against a plain loop summing the same facts in the same run.
// Not a test: it asserts nothing and prints one markdown table.
import { performance } from 'node:perf_hooks';

import {
  computeAll,
  DEFAULT_CATALOGUE,
  FactSet,
  finerPeriods,
  formatPeriod,
  HierarchyRegistry,
  Observation,
  seededRandom,
  THREE_LEVEL_VERSION_ID,
  UnitHierarchy,
} from '@dx/domain';

const YEAR = 2024;
const RUNS = 15;

function syntheticFacts(hierarchy: UnitHierarchy): Observation[] {
  // Seeded, so every run computes the same values.
  const next = seededRandom(2025);
  const facts: Observation[] = [];
  // The year itself, the year before (growth, carry-forward) and 2020 (baselines).
  for (const year of [2020, YEAR - 1, YEAR]) {
    for (const measure of DEFAULT_CATALOGUE.measures) {
      const periods = finerPeriods(String(year), measure.frequency).map(formatPeriod);
      for (const level of measure.levels) {
        for (const unit of hierarchy.unitsAtLevel(level)) {
          for (const period of periods) {
            const base = 1000 + Math.floor(next() * 9000);
            const value = measure.code === 'fibre.available' ? (next() < 0.9 ? 1 : 0) : measure.code === 'dti.rank' ? 1 + Math.floor(next() * 30) : base;
            const dimensions = Object.entries(measure.dimensions)[0];
            if (dimensions) {
              for (const sector of dimensions[1])
                facts.push({ measure: measure.code, unit: unit.code, period, value: Math.floor(value / 3), dimensions: { [dimensions[0]]: sector } });
            } else {
              facts.push({ measure: measure.code, unit: unit.code, period, value });
            }
          }
        }
      }
    }
  }
  return facts;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(run: () => T): { ms: number; result: T } {
  const samples: number[] = [];
  let result = run();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = run();
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), result };
}

const hierarchy = HierarchyRegistry.withDefaults().version(THREE_LEVEL_VERSION_ID) as UnitHierarchy;
const facts = syntheticFacts(hierarchy);

const baseline = time(() => {
  let sum = 0;
  for (const fact of facts) sum += fact.value;
  return sum;
});
const index = time(() => new FactSet(facts));
const factSet = index.result;
const compute = time(() => computeAll(DEFAULT_CATALOGUE, hierarchy, factSet, String(YEAR)));
const values = compute.result.length;
const withData = compute.result.filter((v) => v.value !== null).length;

const rows: [string, number][] = [
  ['baseline: sum the facts in a plain loop', baseline.ms],
  ['index the facts (new FactSet)', index.ms],
  [`computeAll for ${YEAR} (${values} values)`, compute.ms],
];
const lines = [
  `## @dx/domain computeAll — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${RUNS} runs`,
  '',
  `${hierarchy.units.length} units, ${facts.length} facts, ${values} indicator values (${withData} with a value).`,
  '',
  '| step | median ms | µs per value | × baseline |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(([name, ms]) => `| ${name} | ${ms.toFixed(3)} | ${((ms * 1000) / values).toFixed(2)} | ${(ms / baseline.ms).toFixed(0)} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
