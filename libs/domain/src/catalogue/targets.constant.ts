import { TargetDefinition } from './catalogue.type';

const atLeast = (indicator: string, year: number, value: number): TargetDefinition => ({
  indicator,
  kind: 'milestone',
  year,
  op: '>=',
  value,
});

// Plan goals to 2025 and 2030; "universal" (phổ cập) is recorded as >= 100.
/** The plan's default targets; administrators replace them per indicator. */
export const TARGETS: readonly TargetDefinition[] = [
  atLeast('GOV-01', 2025, 80),
  atLeast('GOV-01', 2030, 100),
  atLeast('GOV-02', 2025, 100),
  atLeast('GOV-03', 2025, 100),
  { indicator: 'GOV-04', kind: 'milestone', year: 2030, op: '>=', value: 100, level: 1 },
  { indicator: 'GOV-04', kind: 'milestone', year: 2030, op: '>=', value: 90, level: 2 },
  { indicator: 'GOV-04', kind: 'milestone', year: 2030, op: '>=', value: 80, level: 3 },
  atLeast('ECO-01', 2025, 20),
  atLeast('ECO-01', 2030, 30),
  // "At least 7 % every year" to 2025, then 8 % every year to 2030; the plan runs from 2021.
  { indicator: 'ECO-02', kind: 'floor', fromYear: 2021, year: 2025, op: '>=', value: 7 },
  { indicator: 'ECO-02', kind: 'floor', fromYear: 2026, year: 2030, op: '>=', value: 8 },
  atLeast('ECO-03', 2025, 10),
  atLeast('ECO-03', 2030, 20),
  // "More than 90 % of households".
  { indicator: 'SOC-01', kind: 'milestone', year: 2025, op: '>', value: 90 },
  atLeast('SOC-01', 2030, 100),
  atLeast('SOC-02', 2025, 100),
  atLeast('SOC-02', 2030, 100),
  atLeast('SOC-03', 2025, 100),
  atLeast('SOC-03', 2030, 100),
  atLeast('SOC-04', 2025, 100),
  atLeast('SOC-04', 2030, 100),
  atLeast('SOC-05', 2030, 100),
  { indicator: 'SOC-06', kind: 'milestone', year: 2025, op: '>', value: 50 },
  { indicator: 'SOC-06', kind: 'milestone', year: 2030, op: '>', value: 80 },
  atLeast('SOC-07', 2025, 100),
  atLeast('SOC-07', 2030, 100),
  atLeast('SOC-08', 2025, 100),
  atLeast('SOC-08', 2030, 100),
  // "Among the 10 best provinces": rank 10 or better.
  { indicator: 'OVR-01', kind: 'milestone', year: 2025, op: '<=', value: 10 },
  { indicator: 'OVR-01', kind: 'milestone', year: 2030, op: '<=', value: 10 },
];
