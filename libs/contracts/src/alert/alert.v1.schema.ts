import { z } from 'zod';

import { defineEventContract, EventContract } from '../event-contract';
import {
  finiteNumberSchema,
  indicatorCodeSchema,
  localizedTextSchema,
  measureCodeSchema,
  periodSchema,
  severitySchema,
  statusSchema,
  targetRefSchema,
  timestampSchema,
  unitCodeSchema,
} from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents types and enum values; never edit, add a .v2 instead.
export const ALERT_FIRED_V1 = 'vn.cantho.dx.alert.fired.v1';
export const ALERT_ACKNOWLEDGED_V1 = 'vn.cantho.dx.alert.acknowledged.v1';
export const ALERT_ESCALATED_V1 = 'vn.cantho.dx.alert.escalated.v1';
export const ALERT_RESOLVED_V1 = 'vn.cantho.dx.alert.resolved.v1';
export const ALERT_KINDS = ['status_slip', 'regression', 'overdue'] as const;
export const ALERT_STATES = ['firing', 'acknowledged', 'resolved'] as const;

export const alertV1Schema = z.object({
  id: z.string().min(1),
  kind: z.enum(ALERT_KINDS),
  state: z.enum(ALERT_STATES),
  indicator: indicatorCodeSchema.optional(),
  measure: measureCodeSchema.optional(),
  unit: unitCodeSchema,
  period: periodSchema,
  severity: severitySchema,
  status: statusSchema.optional(),
  previousStatus: statusSchema.optional(),
  value: finiteNumberSchema.nullable().optional(),
  expected: finiteNumberSchema.optional(),
  target: targetRefSchema.optional(),
  message: localizedTextSchema,
  firedAt: timestampSchema,
  acknowledgedAt: timestampSchema.optional(),
  acknowledgedBy: z.string().optional(),
  escalatedAt: timestampSchema.optional(),
  // 0 = the unit's own supervisors; n = escalated n levels up the hierarchy.
  escalationLevel: z.number().int().nonnegative().optional(),
  resolvedAt: timestampSchema.optional(),
});

export type AlertV1 = z.infer<typeof alertV1Schema>;

function alertContract(type: string): EventContract<AlertV1> {
  return defineEventContract<AlertV1>({
    type,
    topic: TOPICS.alerts,
    schema: alertV1Schema,
    keyOf: (data) => data.id,
    subjectOf: (data) => `${data.kind}/${data.indicator ?? data.measure ?? ''}/${data.unit}`,
  });
}

export const AlertFiredV1 = alertContract(ALERT_FIRED_V1);
export const AlertAcknowledgedV1 = alertContract(ALERT_ACKNOWLEDGED_V1);
export const AlertEscalatedV1 = alertContract(ALERT_ESCALATED_V1);
export const AlertResolvedV1 = alertContract(ALERT_RESOLVED_V1);
