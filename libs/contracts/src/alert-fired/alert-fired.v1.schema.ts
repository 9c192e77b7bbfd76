import { z } from 'zod';

import { alertEventSchema, alertSubject } from '../alert/alert-base.v1.schema';
import { defineEventContract } from '../event-contract';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const ALERT_FIRED_V1 = 'vn.cantho.dx.alert.fired.v1';

/** An alert opened, or re-fired with a higher severity (same id; any acknowledgement is cleared). */
export const alertFiredV1Schema = alertEventSchema({ state: z.literal('firing') });

export type AlertFiredV1 = z.infer<typeof alertFiredV1Schema>;

export const AlertFiredV1 = defineEventContract<AlertFiredV1>({
  type: ALERT_FIRED_V1,
  topic: TOPICS.alerts,
  schema: alertFiredV1Schema,
  keyOf: (data) => data.id,
  subjectOf: alertSubject,
});
