import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import {
  finiteNumberSchema,
  hierarchyVersionSchema,
  indicatorCodeSchema,
  periodSchema,
  severitySchema,
  statusSchema,
  timestampSchema,
  unitCodeSchema,
} from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const INDICATOR_STATUS_CHANGED_V1 = 'vn.cantho.dx.indicator.status-changed.v1';

// WARNING: persisted enum values (stored in alert tables downstream).
export const STATUS_CHANGE_KINDS = ['status_slip', 'status_recovered', 'regression'] as const;

// An indicator kind always names its indicator and the status it is in now (contract.md, topics).
const indicatorStatusFields = {
  indicator: indicatorCodeSchema,
  unit: unitCodeSchema,
  period: periodSchema,
  status: statusSchema,
  previousStatus: statusSchema.optional(),
  value: finiteNumberSchema.nullable().optional(),
  previousValue: finiteNumberSchema.nullable().optional(),
  expected: finiteNumberSchema.optional(),
  severity: severitySchema,
  // The version `unit` is read in: the one in force for `period`.
  hierarchyVersion: hierarchyVersionSchema,
  detectedAt: timestampSchema,
};

/** A status got worse (`at_risk`, `off_track`). */
export const statusSlipV1Schema = z.object({ kind: z.literal('status_slip'), ...indicatorStatusFields });
/** A status came back to `on_track` or `achieved`. */
export const statusRecoveredV1Schema = z.object({ kind: z.literal('status_recovered'), ...indicatorStatusFields });
/** The value fell against the previous period by more than the indicator's threshold. */
export const regressionV1Schema = z.object({ kind: z.literal('regression'), ...indicatorStatusFields });

/** One schema per `kind`. */
export const indicatorStatusChangedV1Schema = z.discriminatedUnion('kind', [statusSlipV1Schema, statusRecoveredV1Schema, regressionV1Schema]);

// Events published before versions were carried lack it: consumers take the version in force for `period`.
const versionMayLack = { hierarchyVersion: hierarchyVersionSchema.optional() };
export const indicatorStatusChangedV1DecodeSchema = z.discriminatedUnion('kind', [
  statusSlipV1Schema.extend(versionMayLack),
  statusRecoveredV1Schema.extend(versionMayLack),
  regressionV1Schema.extend(versionMayLack),
]);

/** What computation publishes. */
export type ProducedIndicatorStatusChangedV1 = z.infer<typeof indicatorStatusChangedV1Schema>;
/** What a consumer of dx.indicator-status.v1 receives. */
export type IndicatorStatusChangedV1 = z.infer<typeof indicatorStatusChangedV1DecodeSchema>;

export const IndicatorStatusChangedV1 = defineEventContract<ProducedIndicatorStatusChangedV1, IndicatorStatusChangedV1>({
  type: INDICATOR_STATUS_CHANGED_V1,
  topic: TOPICS.indicatorStatus,
  schema: indicatorStatusChangedV1Schema,
  decodeSchema: indicatorStatusChangedV1DecodeSchema,
  keyOf: (data) => `${data.indicator}:${data.unit}`,
  subjectOf: (data) => `${data.indicator}/${data.unit}/${data.period}`,
});
