import { Status, TargetRef } from '../targets/target.util';

/** Units (for a flow inside a longer period: unit-months) whose inputs a value needs, and how many reported them. */
export interface Coverage {
  readonly reported: number;
  readonly expected: number;
}

/**
 * How far a value can be trusted beyond its coverage. WARNING: on the wire (`quality`); never rename.
 * - `exceeds_denominator`: the numerator is larger than its denominator (a ratio above 100, kept as reported);
 * - `approximate`: a predecessor only partly merged into the unit (`whole: false`) was counted in full.
 * When both apply the value says `exceeds_denominator`: it is the one a reporting agency must look at.
 */
export type ValueQuality = 'exceeds_denominator' | 'approximate';

/**
 * An indicator's value for a unit and period with its assessment. Field names are the wire contract of
 * the "indicator computed" payload (minus `computedAt`, which the publishing service stamps).
 */
export interface IndicatorValue {
  readonly indicator: string;
  readonly unit: string;
  readonly period: string;
  /** Null when inputs are missing (status `no_data`). */
  readonly value: number | null;
  /** Sums over the matched pairs (units, or unit-months, with both numerator and denominator). */
  readonly numerator?: number;
  readonly denominator?: number;
  readonly target?: TargetRef;
  readonly expected?: number;
  readonly status: Status;
  readonly progress?: number;
  readonly coverage: Coverage;
  readonly quality?: ValueQuality;
  /** The hierarchy version `unit` is read in: the one in force for `period` for every published value. */
  readonly hierarchyVersion: string;
}

/** Coordinates of an indicator value; without `hierarchyVersion`, the unit of the version in force for the period. */
export interface IndicatorValueRef {
  readonly indicator: string;
  readonly unit: string;
  readonly period: string;
  readonly hierarchyVersion?: string;
}
