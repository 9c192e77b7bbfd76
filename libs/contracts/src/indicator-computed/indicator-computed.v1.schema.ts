import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import {
  finiteNumberSchema,
  hierarchyVersionSchema,
  indicatorCodeSchema,
  periodSchema,
  statusSchema,
  targetRefSchema,
  timestampSchema,
  unitCodeSchema,
} from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const INDICATOR_COMPUTED_V1 = 'vn.cantho.dx.indicator.computed.v1';

export const indicatorComputedV1Schema = z.object({
  indicator: indicatorCodeSchema,
  unit: unitCodeSchema,
  period: periodSchema,
  value: finiteNumberSchema.nullable(),
  numerator: finiteNumberSchema.optional(),
  denominator: finiteNumberSchema.optional(),
  target: targetRefSchema.optional(),
  expected: finiteNumberSchema.optional(),
  status: statusSchema,
  progress: finiteNumberSchema.optional(),
  coverage: z.object({ reported: z.number().int().nonnegative(), expected: z.number().int().nonnegative() }),
  // WARNING: persisted enum values. `exceeds_denominator`: a ratio above 100 kept as reported;
  // `approximate`: a partly merged predecessor counted in full (series across a reorganisation).
  quality: z.enum(['exceeds_denominator', 'approximate']).optional(),
  // The version `unit` is read in: the one in force for `period`.
  hierarchyVersion: hierarchyVersionSchema,
  computedAt: timestampSchema,
});

// Values published before versions were carried lack it: consumers take the version in force for `period`.
export const indicatorComputedV1DecodeSchema = indicatorComputedV1Schema.extend({ hierarchyVersion: hierarchyVersionSchema.optional() });

/** What computation publishes. */
export type ProducedIndicatorComputedV1 = z.infer<typeof indicatorComputedV1Schema>;
/** What a consumer of dx.indicator-values.v1 receives. */
export type IndicatorComputedV1 = z.infer<typeof indicatorComputedV1DecodeSchema>;

export const IndicatorComputedV1 = defineEventContract<ProducedIndicatorComputedV1, IndicatorComputedV1>({
  type: INDICATOR_COMPUTED_V1,
  topic: TOPICS.indicatorValues,
  schema: indicatorComputedV1Schema,
  decodeSchema: indicatorComputedV1DecodeSchema,
  keyOf: (data) => `${data.indicator}:${data.unit}`,
  subjectOf: (data) => `${data.indicator}/${data.unit}/${data.period}`,
});
