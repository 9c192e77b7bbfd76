import { z } from 'zod';

// Building blocks shared by several payloads. Semantics live in @dx/domain; these only fix the wire shape.
export const periodSchema = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'expected YYYY, YYYY-Qn or YYYY-MM');
export const timestampSchema = z.iso.datetime({ offset: true });
export const unitCodeSchema = z.string().regex(/^\d{2,5}$/, 'expected a GSO unit code');
export const measureCodeSchema = z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, 'expected a measure code');
export const indicatorCodeSchema = z.string().regex(/^[A-Z]{3}-\d{2}$/, 'expected an indicator code like GOV-01');
export const dimensionsSchema = z.record(z.string().min(1).max(64), z.string().min(1).max(64));
export const finiteNumberSchema = z.number().refine(Number.isFinite, 'expected a finite number');
export const localizedTextSchema = z.object({ vi: z.string(), en: z.string() });
export const statusSchema = z.enum(['achieved', 'on_track', 'at_risk', 'off_track', 'no_data']);
export const severitySchema = z.enum(['info', 'warning', 'critical']);
export const comparatorSchema = z.enum(['>=', '>', '<=', '=']);
// A hierarchy version id (`2024-11`, `2025-07`, or one an administrator loads): a unit code means a place
// only together with it.
export const hierarchyVersionSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'expected a hierarchy version id like 2025-07');
export const targetRefSchema = z.object({ year: z.number().int(), op: comparatorSchema, value: finiteNumberSchema });

/**
 * Where a parked (dead-lettered or rejected) message came from, with its original bytes for replay.
 * A parked message must fit in a Kafka message itself, so `valueBase64` holds at most the first 64 KiB
 * of the original; `valueBytes` and `valueSha256` describe the whole value (a longer one is read again
 * from `topic`/`partition`/`offset`). Key and headers are cut to a bounded length too.
 */
export const messageSourceSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  valueBase64: z.string().nullable(),
  valueBytes: z.number().int().nonnegative().optional(),
  valueSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  headers: z.record(z.string(), z.string()),
});

export type MessageSource = z.infer<typeof messageSourceSchema>;
