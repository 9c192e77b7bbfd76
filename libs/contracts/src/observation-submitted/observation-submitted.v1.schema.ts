import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const OBSERVATION_SUBMITTED_V1 = 'vn.cantho.dx.observation.submitted.v1';

// What agencies' own systems put on dx.intake.v1: the same object as one item of POST /v1/observations.
// It is deliberately loose here (unknown values): ingestion checks it item by item with the domain rules,
// so that a bad item yields a precise rejection code rather than a schema failure.
export const observationSubmittedV1Schema = z.object({
  measure: z.unknown(),
  unit: z.unknown(),
  period: z.unknown(),
  value: z.unknown(),
  dimensions: z.unknown().optional(),
});

export type ObservationSubmittedV1 = z.infer<typeof observationSubmittedV1Schema>;

export const ObservationSubmittedV1 = defineEventContract<ObservationSubmittedV1>({
  type: OBSERVATION_SUBMITTED_V1,
  topic: TOPICS.intake,
  schema: observationSubmittedV1Schema,
  keyOf: (data) => String(data.unit ?? ''),
  subjectOf: (data) => `${String(data.measure ?? '')}/${String(data.unit ?? '')}/${String(data.period ?? '')}`,
});

/** Header that names the submitting agency on dx.intake.v1. */
export const AGENCY_HEADER = 'dx-agency';
