import {
  AdministrativeUnit,
  DEFAULT_CATALOGUE,
  formatPeriod,
  Frequency,
  HierarchyRegistry,
  isOverdue,
  measurePatternMatches,
  periodEnd,
  periodsBetween,
} from '@dx/domain';

/** A reporting agency of the demo, of the kinds product.md names. */
export interface DemoAgency {
  code: string;
  name: string;
  measures: string[];
  units: string[];
}

export interface DemoObservation {
  agency: string;
  measure: string;
  unit: string;
  period: string;
  value: number;
  dimensions?: Record<string, string>;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  { code: 'demo-sotttt', name: 'Sở Thông tin và Truyền thông (dữ liệu mô phỏng)', measures: ['public_services.*', 'online_users.*', 'procedure_results.*', 'work_records.*', 'dti.rank'], units: ['92'] },
  { code: 'demo-cuc-thong-ke', name: 'Cục Thống kê (dữ liệu mô phỏng)', measures: ['grdp.*', 'labour_productivity', 'population.total', 'population.adult', 'payment_accounts.eligible', 'households.total'], units: ['92'] },
  { code: 'demo-vnpt', name: 'VNPT Cần Thơ (dữ liệu mô phỏng)', measures: ['households.fibre', 'fibre.available', 'population.covered_*'], units: ['92'] },
  { code: 'demo-nhnn', name: 'Ngân hàng Nhà nước chi nhánh (dữ liệu mô phỏng)', measures: ['payment_accounts.holders'], units: ['92'] },
  { code: 'demo-so-y-te', name: 'Sở Y tế (dữ liệu mô phỏng)', measures: ['population.health_record'], units: ['92'] },
  { code: 'demo-cong-an', name: 'Công an thành phố (dữ liệu mô phỏng)', measures: ['population.digital_id', 'population.smartphone'], units: ['92'] },
];

const FIRST_YEAR = 2020;
const SECTORS = ['agriculture', 'industry', 'services'] as const;

/** Deterministic pseudo-random numbers (mulberry32): the same demo on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Years since 2020 as a fraction, at the end of the period: drives every trajectory. */
function elapsed(period: string): number {
  const end = periodEnd(period);
  return (end.getTime() - Date.UTC(FIRST_YEAR, 0, 1)) / (365.25 * 24 * 3600 * 1000);
}

interface UnitProfile {
  unit: AdministrativeUnit;
  /** 0..1: where the unit starts and how fast it improves. */
  start: number;
  pace: number;
  /** Units whose progress falls back in the last year, so the demo shows slips and alerts. */
  slips: boolean;
  /** Units whose latest report has not arrived, so the demo shows overdue reports. */
  late: boolean;
  size: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A share of a whole that moves from `from` to `to` over the plan, with the unit's own pace and noise. */
function share(profile: UnitProfile, period: string, from: number, to: number, rand: () => number): number {
  const t = clamp(elapsed(period) / 5.5, 0, 1.2);
  const progress = clamp(t * (0.75 + profile.pace * 0.5), 0, 1);
  let value = from + (to - from) * (0.6 * profile.start + 0.4) * progress + (profile.start - 0.5) * 0.1;
  if (profile.slips && elapsed(period) > 5.5) value -= 0.12;
  return clamp(value + (rand() - 0.5) * 0.02, 0, 1);
}

/**
 * Five-plus years of plausible reports (2020 to the last closed period before `now`) for every unit of
 * the three-level hierarchy, from every kind of agency. Some units slip in the last year and some latest
 * reports are missing. The numbers are synthetic.
 */
export function generateDemoObservations(now: Date, seed = 2025): DemoObservation[] {
  const hierarchy = HierarchyRegistry.withDefaults().inForce(String(FIRST_YEAR));
  const rand = random(seed);
  const profiles = hierarchy.units.map((unit): UnitProfile => {
    const r = random(hash(unit.code) ^ seed);
    return { unit, start: r(), pace: r(), slips: r() < 0.12, late: r() < 0.1, size: 0.5 + r() };
  });
  const agencyOf = (measure: string): string => {
    const agency = DEMO_AGENCIES.find((a) => a.measures.some((p) => measurePatternMatches(p, measure)));
    if (!agency) throw new Error(`no demo agency reports ${measure}`);
    return agency.code;
  };
  const closed = (frequency: Frequency) =>
    periodsBetween(String(FIRST_YEAR), formatPeriod(`${now.getUTCFullYear()}`), frequency)
      .map((p) => formatPeriod(p))
      .filter((p) => periodEnd(p).getTime() <= now.getTime());
  const latest = (frequency: Frequency) => closed(frequency).at(-1);
  const out: DemoObservation[] = [];
  const add = (measure: string, profile: UnitProfile, period: string, value: number, dimensions?: Record<string, string>) => {
    // A late unit has not sent its latest report yet, and only where that report is already overdue.
    const m = DEFAULT_CATALOGUE.measure(measure);
    if (!m) throw new Error(`unknown measure ${measure}`);
    if (profile.late && period === latest(m.frequency) && isOverdue(m, period, now)) return;
    out.push({ agency: agencyOf(measure), measure, unit: profile.unit.code, period, value, ...(dimensions ? { dimensions } : {}) });
  };
  const whole = (x: number) => Math.max(0, Math.round(x));

  for (const p of profiles) {
    const level = p.unit.level;
    const scale = level === 1 ? 12 : level === 2 ? 3 : 1;
    for (const period of closed('quarter')) {
      const procedures = whole((level === 1 ? 1800 : level === 2 ? 300 : 120) * (0.9 + 0.1 * p.size));
      add('public_services.total', p, period, procedures);
      add('public_services.level4_multichannel', p, period, whole(procedures * share(p, period, 0.3, 0.9, rand)));
      const users = whole(800 * scale * p.size * (1 + elapsed(period) * 0.3));
      add('online_users.total', p, period, users);
      add('online_users.eid', p, period, whole(users * share(p, period, 0.35, 1, rand)));
      const results = whole(5000 * scale * p.size);
      add('procedure_results.valid', p, period, results);
      add('procedure_results.digitised', p, period, whole(results * share(p, period, 0.2, 1, rand)));
      if (level !== 3) continue;
      const households = whole(4000 * p.size * (1 + 0.01 * elapsed(period)));
      add('households.total', p, period, households);
      add('households.fibre', p, period, whole(households * share(p, period, 0.55, 0.97, rand)));
      add('fibre.available', p, period, share(p, period, 0.6, 1, rand) > 0.7 ? 1 : 0);
      const population = whole(14_000 * p.size * (1 + 0.008 * elapsed(period)));
      const adults = whole(population * 0.76);
      add('population.covered_4g5g', p, period, whole(population * share(p, period, 0.9, 1, rand)));
      add('population.covered_5g', p, period, whole(population * share(p, period, 0, 0.7, rand)));
      add('population.smartphone', p, period, whole(adults * share(p, period, 0.5, 0.95, rand)));
      add('population.digital_id', p, period, whole(population * share(p, period, 0.1, 0.95, rand)));
      add('population.health_record', p, period, whole(population * share(p, period, 0.05, 0.9, rand)));
      add('payment_accounts.holders', p, period, whole(adults * 1.05 * share(p, period, 0.3, 0.75, rand)));
    }
    for (const period of closed('month')) {
      const records = whole((level === 1 ? 5000 : level === 2 ? 1500 : 400) * p.size);
      add('work_records.total', p, period, records);
      add('work_records.online', p, period, whole(records * share(p, period, 0.6, level === 3 ? 0.85 : 0.96, rand)));
    }
    for (const period of closed('year')) {
      const t = elapsed(period);
      if (level === 3) {
        const population = whole(14_000 * p.size * (1 + 0.008 * t));
        add('population.total', p, period, population);
        add('population.adult', p, period, whole(population * 0.76));
        add('payment_accounts.eligible', p, period, whole(population * 0.76 * 1.05));
      }
      if (level !== 1) continue;
      const grdp = 95_000 * 1.075 ** (t - 1);
      const digitalShare = 0.1 + 0.018 * (t - 1) - (t > 5.5 ? 0.01 : 0);
      SECTORS.forEach((sector, i) => {
        const part = grdp * [0.3, 0.3, 0.4][i];
        add('grdp.total', p, period, Math.round(part * 10) / 10, { sector });
        add('grdp.digital', p, period, Math.round(part * digitalShare * [0.6, 1.1, 1.15][i] * 10) / 10, { sector });
      });
      add('labour_productivity', p, period, Math.round(110 * 1.072 ** (t - 1) * (t > 4.5 ? 0.985 : 1) * 10) / 10);
      add('dti.rank', p, period, Math.max(1, Math.round(16 - 1.6 * (t - 1))));
    }
  }
  return out;
}
