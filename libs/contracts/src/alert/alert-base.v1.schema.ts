import { z } from 'zod';

import {
  finiteNumberSchema,
  hierarchyVersionSchema,
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

// WARNING: persisted enum values (on the wire and in read models); never edit, add a .v2 instead.
export const ALERT_KINDS = ['status_slip', 'regression', 'overdue'] as const;
export const ALERT_STATES = ['firing', 'acknowledged', 'resolved'] as const;
export const ALERT_RESOLUTIONS = ['recovered', 'report_received', 'no_further_fall'] as const;
export const ALERT_FREQUENCIES = ['month', 'quarter', 'year'] as const;

/** An alert id: its key and ordinal, e.g. `status_slip:SOC-01:quarter:31120:2025-07:1`. */
export const alertIdSchema = z.string().min(1).max(300);

// What every lifecycle event says about the alert, as it is after the change.
const alertFields = {
  id: alertIdSchema,
  unit: unitCodeSchema,
  // The hierarchy version `unit` is read in (a code means a place only within a version).
  hierarchyVersion: hierarchyVersionSchema,
  // The alert's series: a unit's quarterly and yearly standings are two alerts.
  frequency: z.enum(ALERT_FREQUENCIES),
  // The latest period the alert speaks of.
  period: periodSchema,
  severity: severitySchema,
  state: z.enum(ALERT_STATES),
  message: localizedTextSchema,
  firedAt: timestampSchema,
  // 0 = the unit's own supervisors; n = escalated n levels up the hierarchy.
  escalationLevel: z.number().int().nonnegative(),
  escalatedAt: timestampSchema.optional(),
  acknowledgedAt: timestampSchema.optional(),
  acknowledgedBy: z.string().min(1).max(200).optional(),
  resolvedAt: timestampSchema.optional(),
  resolution: z.enum(ALERT_RESOLUTIONS).optional(),
  // Set while the city's overdue alert of the same measure suppresses this one's notifications.
  inhibitedBy: alertIdSchema.optional(),
  // When this lifecycle change happened.
  changedAt: timestampSchema,
};

// A status slip or a regression always names its indicator.
const indicatorAlertFields = {
  kind: z.enum(['status_slip', 'regression']),
  indicator: indicatorCodeSchema,
  status: statusSchema,
  previousStatus: statusSchema.optional(),
  value: finiteNumberSchema.nullable().optional(),
  previousValue: finiteNumberSchema.nullable().optional(),
  expected: finiteNumberSchema.optional(),
  target: targetRefSchema.optional(),
};

// An overdue report always names its measure and the periods still unreported.
const overdueAlertFields = {
  kind: z.literal('overdue'),
  measure: measureCodeSchema,
  dueDate: z.iso.date().optional(),
  openPeriods: z.array(periodSchema),
};

/** The schema of one lifecycle event: the alert's fields (per kind) plus what that event guarantees. */
export function alertEventSchema<TLifecycle extends z.ZodRawShape>(lifecycle: TLifecycle) {
  // `extend`, not a spread: its type replaces the base's optional fields with the event's required ones.
  return z.discriminatedUnion('kind', [
    z.object({ ...alertFields, ...indicatorAlertFields }).extend(lifecycle),
    z.object({ ...alertFields, ...overdueAlertFields }).extend(lifecycle),
  ]);
}

/** Any lifecycle event of `dx.alerts.v1` (fired, acknowledged, escalated or resolved): the alert as it now is. */
export const alertV1Schema = alertEventSchema({});

export type AlertV1 = z.infer<typeof alertV1Schema>;

/** What an alert event is about, for CloudEvents `subject`: `status_slip/SOC-01/31120`. */
export function alertSubject(data: { kind: string; indicator?: string; measure?: string; unit: string }): string {
  return `${data.kind}/${data.indicator ?? data.measure}/${data.unit}`;
}
