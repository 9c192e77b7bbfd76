import type {
  AboutResponse,
  AlertsResponse,
  IndicatorsResponse,
  OverdueReportsResponse,
  PeriodsResponse,
  RankingResponse,
  ScorecardResponse,
  SeriesResponse,
  UnitsResponse,
} from '@dx/contracts';

/** An answer of the reporting API that is not a success (the contract's error body). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

async function get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const response = await fetch(`${path}${query.size > 0 ? `?${query}` : ''}`, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
    throw new ApiFailure(response.status, body?.error?.code ?? 'error');
  }
  return (await response.json()) as T;
}

// The reporting API, as the dashboard reads it (the same endpoints portals use).
export const api = {
  about: () => get<AboutResponse>('/v1/about'),
  indicators: () => get<IndicatorsResponse>('/v1/indicators'),
  units: (version: string, parent?: string) => get<UnitsResponse>('/v1/units', { version, parent }),
  unit: (code: string, version?: string) => get<UnitsResponse>(`/v1/units/${encodeURIComponent(code)}`, { version }),
  periods: (unit: string, version: string) => get<PeriodsResponse>(`/v1/units/${encodeURIComponent(unit)}/periods`, { version }),
  scorecard: (unit: string, period: string, version?: string) => get<ScorecardResponse>('/v1/scorecard', { unit, period, version }),
  series: (code: string, unit: string, version: string) => get<SeriesResponse>(`/v1/indicators/${encodeURIComponent(code)}/series`, { unit, version }),
  ranking: (code: string, parent: string, period: string, version?: string) =>
    get<RankingResponse>(`/v1/indicators/${encodeURIComponent(code)}/ranking`, { parent, period, version }),
  alerts: (state = 'open', limit = '100') => get<AlertsResponse>('/v1/alerts', { state, limit }),
  overdue: (limit = '100') => get<OverdueReportsResponse>('/v1/overdue-reports', { limit }),
};
