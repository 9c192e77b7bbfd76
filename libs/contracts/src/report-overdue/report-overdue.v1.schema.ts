import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import { hierarchyVersionSchema, measureCodeSchema, periodSchema, severitySchema, timestampSchema, unitCodeSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const REPORT_OVERDUE_V1 = 'vn.cantho.dx.report.overdue.v1';

// WARNING: persisted enum values (stored in alert tables downstream).
export const OVERDUE_KINDS = ['overdue', 'overdue_cleared'] as const;

// An overdue kind always names its measure (contract.md, topics).
const reportOverdueFields = {
  measure: measureCodeSchema,
  unit: unitCodeSchema,
  period: periodSchema,
  // When the report was due; lets a supervisor see how late it is without the catalogue.
  dueDate: z.iso.date().optional(),
  severity: severitySchema,
  // The version `unit` is read in: the one in force for `period`.
  hierarchyVersion: hierarchyVersionSchema,
  detectedAt: timestampSchema,
};

/** The measure's due day passed without a report from the unit. */
export const overdueV1Schema = z.object({ kind: z.literal('overdue'), ...reportOverdueFields });
/** The overdue report arrived. */
export const overdueClearedV1Schema = z.object({ kind: z.literal('overdue_cleared'), ...reportOverdueFields });

/** One schema per `kind`. */
export const reportOverdueV1Schema = z.discriminatedUnion('kind', [overdueV1Schema, overdueClearedV1Schema]);

// Events published before versions were carried lack it: consumers take the version in force for `period`.
const versionMayLack = { hierarchyVersion: hierarchyVersionSchema.optional() };
export const reportOverdueV1DecodeSchema = z.discriminatedUnion('kind', [
  overdueV1Schema.extend(versionMayLack),
  overdueClearedV1Schema.extend(versionMayLack),
]);

/** What computation publishes. */
export type ProducedReportOverdueV1 = z.infer<typeof reportOverdueV1Schema>;
/** What a consumer of dx.indicator-status.v1 receives. */
export type ReportOverdueV1 = z.infer<typeof reportOverdueV1DecodeSchema>;

// Keyed like indicator values (`measure:unit` in the indicator slot) so a unit's events stay ordered.
export const ReportOverdueV1 = defineEventContract<ProducedReportOverdueV1, ReportOverdueV1>({
  type: REPORT_OVERDUE_V1,
  topic: TOPICS.indicatorStatus,
  schema: reportOverdueV1Schema,
  decodeSchema: reportOverdueV1DecodeSchema,
  keyOf: (data) => `${data.measure}:${data.unit}`,
  subjectOf: (data) => `${data.measure}/${data.unit}/${data.period}`,
});
