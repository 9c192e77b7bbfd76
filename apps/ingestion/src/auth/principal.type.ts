/**
 * The agency a caller authenticates as: its code and what it may report. Declared by auth, which every
 * feature with an endpoint depends on, so that auth itself depends on no feature (agencies' `Agency` has
 * this shape and more).
 */
export interface ReportingAgency {
  code: string;
  measures: string[];
  units: string[];
}

export type Principal = { kind: 'admin' } | { kind: 'agency'; agency: ReportingAgency; keyId: string };
