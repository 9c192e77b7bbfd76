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
  seededRandom,
  UnitHierarchy,
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
  {
    code: 'demo-sotttt',
    name: 'Sở Thông tin và Truyền thông (dữ liệu mô phỏng)',
    measures: ['public_services.*', 'online_users.*', 'procedure_results.*', 'work_records.*', 'dti.rank'],
    units: ['92'],
  },
  {
    code: 'demo-cuc-thong-ke',
    name: 'Cục Thống kê (dữ liệu mô phỏng)',
    measures: ['grdp.*', 'labour_productivity', 'population.total', 'population.adult', 'payment_accounts.eligible', 'households.total'],
    units: ['92'],
  },
  { code: 'demo-vnpt', name: 'VNPT Cần Thơ (dữ liệu mô phỏng)', measures: ['households.fibre', 'fibre.available', 'population.covered_*'], units: ['92'] },
  { code: 'demo-nhnn', name: 'Ngân hàng Nhà nước chi nhánh (dữ liệu mô phỏng)', measures: ['payment_accounts.holders'], units: ['92'] },
  { code: 'demo-so-y-te', name: 'Sở Y tế (dữ liệu mô phỏng)', measures: ['population.health_record'], units: ['92'] },
  { code: 'demo-cong-an', name: 'Công an thành phố (dữ liệu mô phỏng)', measures: ['population.digital_id', 'population.smartphone'], units: ['92'] },
];

/**
 * Who is told of the demo's alerts (notification service): the city office, of every critical alert in
 * the city (e-mail and in-app inbox), and one ward, of its own alerts by e-mail. Their e-mails land in
 * the local mail catcher that `npm start` prints.
 */
export const DEMO_SUBSCRIPTIONS = [
  {
    name: 'Sở Thông tin và Truyền thông Cần Thơ (mô phỏng)',
    email: 'so-tttt@demo.cantho.local',
    inbox: true,
    scope: { units: ['92'], includeDescendants: true },
    minSeverity: 'critical',
  },
  {
    name: 'UBND Phường Cái Khế (mô phỏng)',
    email: 'phuong-cai-khe@demo.cantho.local',
    scope: { units: ['31120'], includeDescendants: false },
    minSeverity: 'warning',
  },
] as const;

const FIRST_YEAR = 2020;
const SECTORS = ['agriculture', 'industry', 'services'] as const;

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
 * The profiles of a version's units. A unit formed from units of the version before continues them (their
 * summed size, their average start and pace), so each series runs on across the reorganisation; a unit
 * formed from units the platform never had (Hậu Giang, Sóc Trăng) gets its own.
 */
function profilesOf(
  registry: HierarchyRegistry,
  version: UnitHierarchy,
  before: ReadonlyMap<string, UnitProfile> | undefined,
  seed: number,
): Map<string, UnitProfile> {
  const profiles = new Map<string, UnitProfile>();
  for (const unit of version.units) {
    const r = seededRandom(hash(`${version.id}|${unit.code}`) ^ seed);
    const own = { start: r(), pace: r(), slips: r() < 0.12, late: r() < 0.1, size: 0.5 + r() };
    const previous = before ? registry.versions()[registry.versions().indexOf(version) - 1] : undefined;
    const lineage = previous ? registry.predecessors(unit.code, version.id, previous.id) : undefined;
    const parts = (lineage?.units ?? []).map((p) => ({ profile: before?.get(p.code), share: p.whole ? 1 : 0.5 })).filter((p) => p.profile !== undefined);
    if (parts.length === 0) {
      profiles.set(unit.code, { unit, ...own, size: own.size * Math.max(1, unit.formedFrom?.length ?? 1) });
      continue;
    }
    const average = (pick: (p: UnitProfile) => number) => parts.reduce((sum, p) => sum + pick(p.profile as UnitProfile), 0) / parts.length;
    const size = parts.reduce((sum, p) => sum + (p.profile as UnitProfile).size * p.share, 0) + (lineage?.outside ?? 0) * own.size;
    profiles.set(unit.code, { unit, start: average((p) => p.start), pace: average((p) => p.pace), slips: own.slips, late: own.late, size });
  }
  return profiles;
}

/**
 * Five-plus years of plausible reports (2020 to the last closed period before `now`) from every kind of
 * agency, for the units of the hierarchy version in force for each period: the three-level units up to
 * 2025-06, the two-level units from 2025-07 (the year 2025 included). Some units slip in the last year and
 * some latest reports are missing. The numbers are synthetic.
 */
export function generateDemoObservations(now: Date, seed = 2025): DemoObservation[] {
  const registry = HierarchyRegistry.withDefaults();
  const rand = seededRandom(seed);
  const byVersion = new Map<UnitHierarchy, Map<string, UnitProfile>>();
  let before: Map<string, UnitProfile> | undefined;
  for (const version of registry.versions()) {
    before = profilesOf(registry, version, before, seed);
    byVersion.set(version, before);
  }
  const profilesIn = (period: string) => [...(byVersion.get(registry.inForce(period)) as Map<string, UnitProfile>).values()];
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

  const scaleOf = (p: UnitProfile) => (p.unit.level === 1 ? 12 : p.unit.level === 2 ? 3 : 1);
  for (const period of closed('quarter')) {
    for (const p of profilesIn(period)) {
      const level = p.unit.level;
      const scale = scaleOf(p);
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
  }
  for (const period of closed('month')) {
    for (const p of profilesIn(period)) {
      const level = p.unit.level;
      const records = whole((level === 1 ? 5000 : level === 2 ? 1500 : 400) * p.size);
      add('work_records.total', p, period, records);
      add('work_records.online', p, period, whole(records * share(p, period, 0.6, level === 3 ? 0.85 : 0.96, rand)));
    }
  }
  for (const period of closed('year')) {
    for (const p of profilesIn(period)) {
      const level = p.unit.level;
      const t = elapsed(period);
      if (level === 3) {
        const population = whole(14_000 * p.size * (1 + 0.008 * t));
        add('population.total', p, period, population);
        add('population.adult', p, period, whole(population * 0.76));
        add('payment_accounts.eligible', p, period, whole(population * 0.76 * 1.05));
      }
      if (level !== 1) continue;
      // The merged city of 2025 is larger: Hậu Giang's and Sóc Trăng's economies joined Can Tho's.
      const grdp = 95_000 * 1.075 ** (t - 1) * (1 + 0.6 * ((p.unit.formedFrom?.length ?? 1) - 1));
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

const TRICKLE_COMMUNES_PER_TICK = 3;

/**
 * The live trickle after the replay: at each tick a few communes report this quarter's households and
 * fibre subscriptions (month-to-date, revised as the quarter goes on), a little higher each time, so the
 * dashboard moves while a newcomer watches. Deterministic for a tick; the numbers are synthetic.
 */
export function trickleObservations(now: Date, tick: number, seed = 2025): DemoObservation[] {
  // The quarter under way in Vietnam (UTC+7).
  const vietnam = new Date(now.getTime() + 7 * 3_600_000);
  const quarter = formatPeriod({ frequency: 'quarter', year: vietnam.getUTCFullYear(), quarter: Math.floor(vietnam.getUTCMonth() / 3) + 1 });
  const communes = HierarchyRegistry.withDefaults().inForce(quarter).unitsAtLevel(3);
  const out: DemoObservation[] = [];
  for (let i = 0; i < TRICKLE_COMMUNES_PER_TICK; i += 1) {
    const unit = communes[(tick * TRICKLE_COMMUNES_PER_TICK + i) % communes.length];
    const r = seededRandom(hash(unit.code) ^ seed);
    const households = Math.round(4000 * (0.5 + r()) * 1.07);
    // Starts where the unit stood and gains about a point per round through all communes.
    const share = Math.min(1, 0.75 + 0.2 * r() + 0.01 * Math.floor((tick * TRICKLE_COMMUNES_PER_TICK) / communes.length));
    const agency = (measure: string) => DEMO_AGENCIES.find((a) => a.measures.some((p) => measurePatternMatches(p, measure)))?.code ?? '';
    out.push({ agency: agency('households.total'), measure: 'households.total', unit: unit.code, period: quarter, value: households });
    out.push({ agency: agency('households.fibre'), measure: 'households.fibre', unit: unit.code, period: quarter, value: Math.round(households * share) });
  }
  return out;
}
