/** An agency allowed to report: its measure patterns (`households.*`, `*`) and the units it covers. */
export interface Agency {
  code: string;
  name: string;
  measures: string[];
  units: string[];
  createdAt: string;
}

export interface ApiKeySummary {
  id: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}
