import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import {
  finiteNumberSchema,
  indicatorCodeSchema,
  measureCodeSchema,
  periodSchema,
  severitySchema,
  statusSchema,
  timestampSchema,
  unitCodeSchema,
} from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents types; never edit, add a .v2 instead.
export const INDICATOR_STATUS_CHANGED_V1 = 'vn.cantho.dx.indicator.status-changed.v1';
export const REPORT_OVERDUE_V1 = 'vn.cantho.dx.report.overdue.v1';

// WARNING: persisted enum values (stored in alert tables downstream).
export const STATUS_CHANGE_KINDS = ['status_slip', 'status_recovered', 'regression'] as const;
export const OVERDUE_KINDS = ['overdue', 'overdue_cleared'] as const;

const statusEventFields = {
  indicator: indicatorCodeSchema.optional(),
  measure: measureCodeSchema.optional(),
  unit: unitCodeSchema,
  period: periodSchema,
  status: statusSchema.optional(),
  previousStatus: statusSchema.optional(),
  value: finiteNumberSchema.nullable().optional(),
  previousValue: finiteNumberSchema.nullable().optional(),
  expected: finiteNumberSchema.optional(),
  severity: severitySchema,
  detectedAt: timestampSchema,
};

export const indicatorStatusChangedV1Schema = z
  .object({ kind: z.enum(STATUS_CHANGE_KINDS), ...statusEventFields })
  .refine((e) => e.indicator !== undefined, { message: 'indicator is required', path: ['indicator'] });

export const reportOverdueV1Schema = z
  .object({
    kind: z.enum(OVERDUE_KINDS),
    ...statusEventFields,
    // When the report was due; lets a supervisor see how late it is without the catalogue.
    dueDate: z.iso.date().optional(),
  })
  .refine((e) => e.measure !== undefined, { message: 'measure is required', path: ['measure'] });

export type IndicatorStatusChangedV1 = z.infer<typeof indicatorStatusChangedV1Schema>;
export type ReportOverdueV1 = z.infer<typeof reportOverdueV1Schema>;

export const IndicatorStatusChangedV1 = defineEventContract<IndicatorStatusChangedV1>({
  type: INDICATOR_STATUS_CHANGED_V1,
  topic: TOPICS.indicatorStatus,
  schema: indicatorStatusChangedV1Schema,
  keyOf: (data) => `${data.indicator}:${data.unit}`,
  subjectOf: (data) => `${data.indicator}/${data.unit}/${data.period}`,
});

// Keyed like indicator values (`measure:unit` in the indicator slot) so a unit's events stay ordered.
export const ReportOverdueV1 = defineEventContract<ReportOverdueV1>({
  type: REPORT_OVERDUE_V1,
  topic: TOPICS.indicatorStatus,
  schema: reportOverdueV1Schema,
  keyOf: (data) => `${data.measure}:${data.unit}`,
  subjectOf: (data) => `${data.measure}/${data.unit}/${data.period}`,
});
