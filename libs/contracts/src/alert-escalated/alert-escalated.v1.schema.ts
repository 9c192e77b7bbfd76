import { z } from 'zod';

import { alertEventSchema, alertSubject } from '../alert/alert-base.v1.schema';
import { defineEventContract } from '../event-contract';
import { timestampSchema, unitCodeSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const ALERT_ESCALATED_V1 = 'vn.cantho.dx.alert.escalated.v1';

/** Nobody acknowledged the firing alert in time: it went one level up the alert's hierarchy version. */
export const alertEscalatedV1Schema = alertEventSchema({
  state: z.literal('firing'),
  escalationLevel: z.number().int().min(1),
  escalatedAt: timestampSchema,
  // The unit whose supervisors were told: the alert unit's ancestor at `escalationLevel`.
  escalatedTo: unitCodeSchema,
});

export type AlertEscalatedV1 = z.infer<typeof alertEscalatedV1Schema>;

export const AlertEscalatedV1 = defineEventContract<AlertEscalatedV1>({
  type: ALERT_ESCALATED_V1,
  topic: TOPICS.alerts,
  schema: alertEscalatedV1Schema,
  keyOf: (data) => data.id,
  subjectOf: alertSubject,
});
