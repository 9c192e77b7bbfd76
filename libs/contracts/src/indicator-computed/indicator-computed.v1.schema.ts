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
  hierarchyVersion: hierarchyVersionSchema.optional(),
  computedAt: timestampSchema,
});

export type IndicatorComputedV1 = z.infer<typeof indicatorComputedV1Schema>;

export const IndicatorComputedV1 = defineEventContract<IndicatorComputedV1>({
  type: INDICATOR_COMPUTED_V1,
  topic: TOPICS.indicatorValues,
  schema: indicatorComputedV1Schema,
  keyOf: (data) => `${data.indicator}:${data.unit}`,
  subjectOf: (data) => `${data.indicator}/${data.unit}/${data.period}`,
});
