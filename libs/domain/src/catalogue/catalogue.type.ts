import { Frequency } from '../periods/period.util';
import { LocalizedText } from '../shared/localized-text.type';

/** Administrative level: 1 city (province), 2 district, 3 commune/ward/township. */
export type UnitLevel = 1 | 2 | 3;

/** The plan's pillars. */
export type PillarCode = 'government' | 'economy' | 'society' | 'overall';

/** `flow` values add up over time (sum); `stock` values are carried forward (last). */
export type MeasureKind = 'flow' | 'stock';

/** What a measure's numbers are counted in. */
export type MeasureUnit = 'count' | 'flag' | 'billion_vnd' | 'million_vnd' | 'rank';

/** Valid values of a measure. `maxFrom` lowers the maximum from a year on (DTI: 63 provinces, 34 after 2025). */
export interface ValueRange {
  readonly min: number;
  readonly max?: number;
  readonly integer: boolean;
  readonly maxFrom?: { readonly year: number; readonly max: number };
}

/** A raw quantity agencies report (DHIS2's data element). */
export interface Measure {
  readonly code: string;
  readonly name: LocalizedText;
  readonly unitOfMeasure: MeasureUnit;
  readonly kind: MeasureKind;
  readonly frequency: Frequency;
  /** Days after the period's last day by which a report is expected. */
  readonly dueDays: number;
  readonly levels: readonly UnitLevel[];
  /** `none`: the measure exists at one level only and never adds up across units. */
  readonly acrossUnits: 'sum' | 'none';
  /** Allowed dimensions and their values; at most one dimension per measure. */
  readonly dimensions: Readonly<Record<string, readonly string[]>>;
  readonly range: ValueRange;
}

/** How an indicator is computed from measures. */
export type Formula =
  /** Σ numerator / Σ denominator × 100. */
  | { readonly kind: 'ratio'; readonly numerator: string; readonly denominator: string }
  /** (this period − same period a year earlier) / same period a year earlier × 100. */
  | { readonly kind: 'growth'; readonly measure: string }
  /** Share (× 100) of the units at `level` under the unit whose value of `measure` equals `equals`. */
  | { readonly kind: 'share_of_units'; readonly measure: string; readonly level: UnitLevel; readonly equals: number }
  /** Minimum over the values of `dimension` of Σ numerator / Σ denominator × 100. */
  | {
      readonly kind: 'min_ratio_over_dimension';
      readonly numerator: string;
      readonly denominator: string;
      readonly dimension: string;
    }
  /** The measure's value itself (a rank). */
  | { readonly kind: 'value'; readonly measure: string };

export type Comparator = '>=' | '>' | '<=' | '=';

/**
 * A target of an indicator. A `milestone` is to be reached by the end of `year`; a `floor` must be met
 * in every year from `fromYear` to `year`. `unit` (one unit) beats `level` beats neither (every unit). A
 * unit target names the hierarchy version the unit code is read in (codes are reused for other places).
 */
export interface Target {
  readonly kind: 'milestone' | 'floor';
  readonly year: number;
  readonly fromYear?: number;
  readonly op: Comparator;
  readonly value: number;
  readonly level?: UnitLevel;
  readonly unit?: string;
  /** With `unit`, and only with it: the hierarchy version of the unit. */
  readonly hierarchyVersion?: string;
}

/** A target as it appears in a catalogue definition: with the indicator it belongs to. */
export interface TargetDefinition extends Target {
  readonly indicator: string;
}

/** An indicator as defined (targets come separately so that unknown indicators can be caught). */
export interface IndicatorDefinition {
  readonly code: string;
  readonly pillar: PillarCode;
  readonly name: LocalizedText;
  readonly valueUnit: 'percent' | 'rank';
  readonly higherIsBetter: boolean;
  readonly scope: 'rollup' | 'own';
  /** Levels of the units the indicator is computed and published for. */
  readonly levels: readonly UnitLevel[];
  readonly formula: Formula;
  /** How far behind the expected value (inclusive) still counts as `at_risk`, in the value's unit. */
  readonly tolerance: number;
  /** A fall against the previous period larger than this is a regression. */
  readonly regressionThreshold: number;
  /** `value` fixed by an administrator; otherwise the unit's own computed value for `year`. */
  readonly baseline: { readonly year: number; readonly value?: number };
}

/** An indicator of a loaded catalogue. */
export interface Indicator extends IndicatorDefinition {
  /** The finest period it is computed for: its numerator's frequency (and every coarser one). */
  readonly frequency: Frequency;
  /** The measures its formula reads, numerator first. */
  readonly measures: readonly string[];
  readonly targets: readonly Target[];
}

/** Everything needed to load a catalogue. */
export interface CatalogueDefinition {
  readonly measures: readonly Measure[];
  readonly indicators: readonly IndicatorDefinition[];
  readonly targets: readonly TargetDefinition[];
}
