import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import { dimensionsSchema, finiteNumberSchema, measureCodeSchema, periodSchema, timestampSchema, unitCodeSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const OBSERVATION_RECORDED_V1 = 'vn.cantho.dx.observation.recorded.v1';

export const observationRecordedV1Schema = z.object({
  observationId: z.string().min(1),
  agency: z.string().min(1),
  measure: measureCodeSchema,
  unit: unitCodeSchema,
  period: periodSchema,
  dimensions: dimensionsSchema.optional(),
  value: finiteNumberSchema,
  // 1 for the first value of (measure, unit, period, dimensions); +1 for every different value after it.
  revision: z.number().int().positive(),
  previousValue: finiteNumberSchema.optional(),
  recordedAt: timestampSchema,
});

export type ObservationRecordedV1 = z.infer<typeof observationRecordedV1Schema>;

export const ObservationRecordedV1 = defineEventContract<ObservationRecordedV1>({
  type: OBSERVATION_RECORDED_V1,
  topic: TOPICS.observations,
  schema: observationRecordedV1Schema,
  keyOf: (data) => data.unit,
  subjectOf: (data) => `${data.measure}/${data.unit}/${data.period}`,
});
