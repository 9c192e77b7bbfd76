import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import { comparatorSchema, finiteNumberSchema, hierarchyVersionSchema, indicatorCodeSchema, timestampSchema, unitCodeSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const TARGETS_CHANGED_V1 = 'vn.cantho.dx.reference.targets.changed.v1';

export const targetSchema = z.object({
  kind: z.enum(['milestone', 'floor']),
  year: z.number().int(),
  fromYear: z.number().int().optional(),
  op: comparatorSchema,
  value: finiteNumberSchema,
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  unit: unitCodeSchema.optional(),
  hierarchyVersion: hierarchyVersionSchema.optional(),
});

/**
 * An indicator's targets as an administrator replaced them, with the settings that go with them: the whole
 * definition, not a difference, so the latest message per `targets:<indicator>` is all a reader needs.
 */
export const targetsChangedV1Schema = z.object({
  indicator: indicatorCodeSchema,
  targets: z.array(targetSchema),
  baseline: z.object({ year: z.number().int(), value: finiteNumberSchema.optional() }),
  tolerance: finiteNumberSchema.refine((n) => n >= 0, 'expected a number >= 0'),
  regressionThreshold: finiteNumberSchema.refine((n) => n >= 0, 'expected a number >= 0'),
  changedAt: timestampSchema,
});

export type TargetsChangedV1 = z.infer<typeof targetsChangedV1Schema>;

export const TargetsChangedV1 = defineEventContract<TargetsChangedV1>({
  type: TARGETS_CHANGED_V1,
  topic: TOPICS.reference,
  schema: targetsChangedV1Schema,
  keyOf: (data) => `targets:${data.indicator}`,
  subjectOf: (data) => `targets/${data.indicator}`,
});
