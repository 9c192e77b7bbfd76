import { z } from 'zod';

import { alertEventSchema } from '../alert/alert-base.v1.schema';
import {
  comparatorSchema,
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
import { indicatorValueRecordSchema } from './indicator-value-record.schema';

// Response bodies of the reporting HTTP API (port 3000), shared by the service, its dashboard and the
// tests. Portals read these; adding a field is fine, removing or retyping one is a /v2.

export const pillarSchema = z.enum(['government', 'economy', 'society', 'overall']);
export const frequencySchema = z.enum(['month', 'quarter', 'year']);
export const valueUnitSchema = z.enum(['percent', 'rank']);
const coverageSchema = z.object({ reported: z.number().int().nonnegative(), expected: z.number().int().nonnegative() });

export const projectionViewSchema = z.object({
  year: z.number().int(),
  value: finiteNumberSchema,
  target: targetRefSchema,
  meetsTarget: z.boolean(),
  basis: z.object({ from: periodSchema, to: periodSchema, points: z.number().int().positive() }),
});

export const indicatorTargetSchema = z.object({
  kind: z.enum(['milestone', 'floor']),
  year: z.number().int(),
  fromYear: z.number().int().optional(),
  op: comparatorSchema,
  value: finiteNumberSchema,
  level: z.number().int().min(1).max(3).optional(),
  unit: unitCodeSchema.optional(),
});

export const indicatorViewSchema = z.object({
  code: indicatorCodeSchema,
  pillar: pillarSchema,
  pillarName: localizedTextSchema,
  name: localizedTextSchema,
  valueUnit: valueUnitSchema,
  higherIsBetter: z.boolean(),
  frequency: frequencySchema,
  levels: z.array(z.number().int().min(1).max(3)),
  targets: z.array(indicatorTargetSchema),
});
export const indicatorsResponseSchema = z.object({ indicators: z.array(indicatorViewSchema) });

export const unitViewSchema = z.object({
  code: unitCodeSchema,
  name: z.string(),
  type: z.string().optional(),
  level: z.number().int().min(1).max(3),
  parentCode: unitCodeSchema.nullable(),
});
export const unitsResponseSchema = z.object({
  hierarchyVersion: z.string(),
  effectiveFrom: z.iso.date(),
  units: z.array(unitViewSchema),
});

export const scorecardEntrySchema = z.object({
  code: indicatorCodeSchema,
  pillar: pillarSchema,
  name: localizedTextSchema,
  valueUnit: valueUnitSchema,
  value: finiteNumberSchema.nullable(),
  numerator: finiteNumberSchema.optional(),
  denominator: finiteNumberSchema.optional(),
  target: targetRefSchema.optional(),
  expected: finiteNumberSchema.optional(),
  status: statusSchema,
  progress: finiteNumberSchema.optional(),
  coverage: coverageSchema,
  quality: indicatorValueRecordSchema.shape.quality,
  projection: projectionViewSchema.optional(),
  /** When reporting last took in this value; null when no value was ever published. */
  updatedAt: timestampSchema.nullable(),
});
export const scorecardResponseSchema = z.object({
  unit: unitCodeSchema,
  unitName: z.string(),
  level: z.number().int().min(1).max(3),
  hierarchyVersion: z.string(),
  period: periodSchema,
  indicators: z.array(scorecardEntrySchema),
});

export const seriesPointSchema = z.object({
  period: periodSchema,
  value: finiteNumberSchema.nullable(),
  status: statusSchema,
  expected: finiteNumberSchema.optional(),
  target: targetRefSchema.optional(),
  progress: finiteNumberSchema.optional(),
  coverage: coverageSchema,
  quality: indicatorValueRecordSchema.shape.quality,
});
export const seriesResponseSchema = z.object({
  indicator: indicatorCodeSchema,
  unit: unitCodeSchema,
  unitName: z.string(),
  hierarchyVersion: z.string(),
  /** The unit's version is in force from this date: values before it belong to other units. */
  versionEffectiveFrom: z.iso.date(),
  frequency: frequencySchema,
  points: z.array(seriesPointSchema),
  /** The milestones that apply to the unit (2025 and 2030 in the plan), for the chart's target lines. */
  targets: z.array(targetRefSchema),
  /** The expected value at the end of every year up to the last milestone: the trajectory to draw. */
  trajectory: z.array(z.object({ period: periodSchema, expected: finiteNumberSchema })),
  projection: projectionViewSchema.optional(),
});

export const rankingEntrySchema = z.object({
  rank: z.number().int().positive().nullable(),
  unit: unitCodeSchema,
  name: z.string(),
  level: z.number().int().min(1).max(3),
  value: finiteNumberSchema.nullable(),
  status: statusSchema,
  expected: finiteNumberSchema.optional(),
  coverage: coverageSchema,
});
export const rankingResponseSchema = z.object({
  indicator: indicatorCodeSchema,
  parent: unitCodeSchema,
  parentName: z.string(),
  period: periodSchema,
  hierarchyVersion: z.string(),
  higherIsBetter: z.boolean(),
  units: z.array(rankingEntrySchema),
});

// An alert as reporting shows it: the latest lifecycle event's alert, with when reporting learnt of it.
const alertViewFields = { hierarchyVersion: z.string(), updatedAt: timestampSchema };
export const alertViewSchema = alertEventSchema(alertViewFields);
export const alertsResponseSchema = z.object({ alerts: z.array(alertViewSchema) });

export const overdueReportViewSchema = z.object({
  measure: measureCodeSchema,
  measureName: localizedTextSchema,
  unit: unitCodeSchema,
  unitName: z.string().nullable(),
  period: periodSchema,
  hierarchyVersion: z.string(),
  dueDate: z.iso.date().nullable(),
  severity: severitySchema,
  detectedAt: timestampSchema,
});
export const overdueReportsResponseSchema = z.object({ reports: z.array(overdueReportViewSchema) });

// WARNING: persisted (change log) and on the wire; never rename.
export const CHANGE_TYPES = ['indicator_value', 'alert', 'overdue_report'] as const;
export const changeTypeSchema = z.enum(CHANGE_TYPES);
export const cursorSchema = z.string().regex(/^\d{1,18}$/);
export const changeItemSchema = z.union([
  indicatorValueRecordSchema.extend({ type: z.literal('indicator_value'), cursor: cursorSchema }),
  alertEventSchema({ ...alertViewFields, type: z.literal('alert'), cursor: cursorSchema }),
  overdueReportViewSchema.extend({ type: z.literal('overdue_report'), cursor: cursorSchema, cleared: z.boolean() }),
]);
export const changesResponseSchema = z.object({ items: z.array(changeItemSchema), next: cursorSchema });

export const periodsResponseSchema = z.object({ unit: unitCodeSchema, hierarchyVersion: z.string(), periods: z.array(periodSchema) });

export const aboutResponseSchema = z.object({
  service: z.literal('reporting'),
  /** True while the demo's synthetic data feed the platform (DX_DEMO=on): the dashboard says so. */
  syntheticData: z.boolean(),
  today: z.iso.date(),
  hierarchyVersionToday: z.string(),
  hierarchyVersions: z.array(z.object({ version: z.string(), effectiveFrom: z.iso.date() })),
});

export type IndicatorView = z.infer<typeof indicatorViewSchema>;
export type IndicatorsResponse = z.infer<typeof indicatorsResponseSchema>;
export type UnitView = z.infer<typeof unitViewSchema>;
export type UnitsResponse = z.infer<typeof unitsResponseSchema>;
export type ProjectionView = z.infer<typeof projectionViewSchema>;
export type ScorecardEntry = z.infer<typeof scorecardEntrySchema>;
export type ScorecardResponse = z.infer<typeof scorecardResponseSchema>;
export type SeriesPointView = z.infer<typeof seriesPointSchema>;
export type SeriesResponse = z.infer<typeof seriesResponseSchema>;
export type RankingEntry = z.infer<typeof rankingEntrySchema>;
export type RankingResponse = z.infer<typeof rankingResponseSchema>;
export type AlertView = z.infer<typeof alertViewSchema>;
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;
export type OverdueReportView = z.infer<typeof overdueReportViewSchema>;
export type OverdueReportsResponse = z.infer<typeof overdueReportsResponseSchema>;
export type ChangeType = z.infer<typeof changeTypeSchema>;
export type ChangeItem = z.infer<typeof changeItemSchema>;
export type ChangesResponse = z.infer<typeof changesResponseSchema>;
export type PeriodsResponse = z.infer<typeof periodsResponseSchema>;
export type AboutResponse = z.infer<typeof aboutResponseSchema>;
