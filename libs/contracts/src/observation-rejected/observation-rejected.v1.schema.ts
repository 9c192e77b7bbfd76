import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import { messageSourceSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const OBSERVATION_REJECTED_V1 = 'vn.cantho.dx.observation.rejected.v1';

export const observationRejectedV1Schema = z.object({
  agency: z.string().optional(),
  reason: z.object({ code: z.string(), message: z.string(), path: z.string().optional() }),
  source: messageSourceSchema,
  rejectedAt: z.iso.datetime({ offset: true }),
});

export type ObservationRejectedV1 = z.infer<typeof observationRejectedV1Schema>;

export const ObservationRejectedV1 = defineEventContract<ObservationRejectedV1>({
  type: OBSERVATION_REJECTED_V1,
  topic: TOPICS.intakeDeadLetters,
  schema: observationRejectedV1Schema,
  keyOf: (data) => data.source.key ?? '',
  subjectOf: (data) => `${data.source.topic}/${data.source.partition}/${data.source.offset}`,
});
