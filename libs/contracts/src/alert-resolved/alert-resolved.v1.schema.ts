import { z } from 'zod';

import { ALERT_RESOLUTIONS, alertEventSchema, alertSubject } from '../alert/alert-base.v1.schema';
import { defineEventContract } from '../event-contract';
import { timestampSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const ALERT_RESOLVED_V1 = 'vn.cantho.dx.alert.resolved.v1';

/** The status recovered, the report arrived, or a regression saw no further fall: the alert is closed. */
export const alertResolvedV1Schema = alertEventSchema({
  state: z.literal('resolved'),
  resolvedAt: timestampSchema,
  resolution: z.enum(ALERT_RESOLUTIONS),
});

export type AlertResolvedV1 = z.infer<typeof alertResolvedV1Schema>;

export const AlertResolvedV1 = defineEventContract<AlertResolvedV1>({
  type: ALERT_RESOLVED_V1,
  topic: TOPICS.alerts,
  schema: alertResolvedV1Schema,
  keyOf: (data) => data.id,
  subjectOf: alertSubject,
});
