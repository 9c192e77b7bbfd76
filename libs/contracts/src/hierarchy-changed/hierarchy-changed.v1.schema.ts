import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import { hierarchyVersionSchema, timestampSchema, unitCodeSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const HIERARCHY_CHANGED_V1 = 'vn.cantho.dx.reference.hierarchy.changed.v1';

const formedFromPartSchema = z.object({
  code: unitCodeSchema,
  name: z.string().optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'expected a 2-digit province code')
    .optional(),
  whole: z.boolean().optional(),
});

export const administrativeUnitSchema = z.object({
  code: unitCodeSchema,
  name: z.string().min(1),
  type: z.string().optional(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  parentCode: unitCodeSchema.nullable(),
  formedFrom: z.array(formedFromPartSchema).optional(),
});

/**
 * A hierarchy version loaded or replaced by an administrator: the whole version (the compacted topic keeps
 * the latest message per `hierarchy:<version>`, so a reader from the start finds every version as it is).
 */
export const hierarchyChangedV1Schema = z.object({
  version: hierarchyVersionSchema,
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  units: z.array(administrativeUnitSchema).min(1),
  source: z.string().optional(),
  asOf: z.string().optional(),
  changedAt: timestampSchema,
});

export type HierarchyChangedV1 = z.infer<typeof hierarchyChangedV1Schema>;

export const HierarchyChangedV1 = defineEventContract<HierarchyChangedV1>({
  type: HIERARCHY_CHANGED_V1,
  topic: TOPICS.reference,
  schema: hierarchyChangedV1Schema,
  keyOf: (data) => `hierarchy:${data.version}`,
  subjectOf: (data) => `hierarchy/${data.version}`,
});
