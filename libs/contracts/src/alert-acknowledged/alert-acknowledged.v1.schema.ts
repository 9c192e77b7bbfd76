import { z } from 'zod';

import { alertEventSchema, alertSubject } from '../alert/alert-base.v1.schema';
import { defineEventContract } from '../event-contract';
import { timestampSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const ALERT_ACKNOWLEDGED_V1 = 'vn.cantho.dx.alert.acknowledged.v1';

/** A supervisor acknowledged the alert: reminders and escalation stop until it resolves or worsens. */
export const alertAcknowledgedV1Schema = alertEventSchema({
  state: z.literal('acknowledged'),
  acknowledgedAt: timestampSchema,
  acknowledgedBy: z.string().min(1).max(200),
  acknowledgementNote: z.string().max(2_000).optional(),
});

export type AlertAcknowledgedV1 = z.infer<typeof alertAcknowledgedV1Schema>;

export const AlertAcknowledgedV1 = defineEventContract<AlertAcknowledgedV1>({
  type: ALERT_ACKNOWLEDGED_V1,
  topic: TOPICS.alerts,
  schema: alertAcknowledgedV1Schema,
  keyOf: (data) => data.id,
  subjectOf: alertSubject,
});
