/** Dimension values of an observation, e.g. `{ sector: 'industry' }`; none means the total. */
export type Dimensions = Readonly<Record<string, string>>;

/** One value for (measure, unit, period, dimensions): the fact every computation reads. */
export interface Observation {
  readonly measure: string;
  readonly unit: string;
  /** Canonical period text: `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
  readonly period: string;
  readonly value: number;
  readonly dimensions?: Dimensions;
  /**
   * The hierarchy version the unit code is read in. Omitted: the version in force for the period, which is
   * the one ingestion checked the unit against.
   */
  readonly hierarchyVersion?: string;
}
