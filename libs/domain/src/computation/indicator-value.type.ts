import { Status, TargetRef } from '../targets/target.util';

/** Units that should report the indicator's inputs for a period, and how many did. */
export interface Coverage {
  readonly reported: number;
  readonly expected: number;
}

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
  readonly numerator?: number;
  readonly denominator?: number;
  readonly target?: TargetRef;
  readonly expected?: number;
  readonly status: Status;
  readonly progress?: number;
  readonly coverage: Coverage;
  /** Data accepted but suspicious: some numerator is larger than its denominator. */
  readonly quality?: 'numerator_exceeds_denominator';
}

/** Coordinates of an indicator value. */
export interface IndicatorValueRef {
  readonly indicator: string;
  readonly unit: string;
  readonly period: string;
}
