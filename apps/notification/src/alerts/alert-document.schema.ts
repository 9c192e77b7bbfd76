import { z } from 'zod';

import { severitySchema, statusSchema } from '@dx/contracts';
import { Alert } from '@dx/domain';

// The domain's Alert as stored in `alert.document` (JSON: instants as ISO strings). Parsed on every read,
// so a row that does not hold an alert fails loudly at the boundary instead of deep in the lifecycle.
const date = z.coerce.date();
const numberOrNull = z.number().nullable();

// Loose: fields the domain adds later (e.g. a version on the facts) survive a read-and-write.
const statusFactsSchema = z.looseObject({
  kind: z.enum(['status_slip', 'status_recovered', 'regression']),
  indicator: z.string(),
  unit: z.string(),
  period: z.string(),
  status: statusSchema,
  previousStatus: statusSchema.optional(),
  value: numberOrNull,
  previousValue: numberOrNull.optional(),
  expected: z.number().optional(),
  severity: severitySchema,
  hierarchyVersion: z.string(),
});

const overdueFactsSchema = z.looseObject({
  kind: z.enum(['overdue', 'overdue_cleared']),
  measure: z.string(),
  unit: z.string(),
  period: z.string(),
  dueDate: z.string(),
  severity: severitySchema,
  hierarchyVersion: z.string(),
});

const factsSchema = z.union([statusFactsSchema, overdueFactsSchema]);

const historyEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fired'), at: date, eventId: z.string(), period: z.string(), severity: severitySchema }),
  z.object({ type: z.literal('updated'), at: date, eventId: z.string(), period: z.string() }),
  z.object({ type: z.literal('worsened'), at: date, eventId: z.string(), period: z.string(), severity: severitySchema }),
  z.object({ type: z.literal('period_cleared'), at: date, eventId: z.string(), period: z.string() }),
  z.object({ type: z.literal('revised'), at: date, eventId: z.string(), period: z.string(), change: factsSchema }),
  z.object({ type: z.literal('acknowledged'), at: date, by: z.string(), note: z.string().optional() }),
  z.object({ type: z.literal('repeated'), at: date }),
  z.object({ type: z.literal('escalated'), at: date, level: z.number().int(), unit: z.string() }),
  z.object({ type: z.literal('inhibited'), at: date, by: z.string() }),
  z.object({ type: z.literal('released'), at: date }),
  z.object({ type: z.literal('resolved'), at: date, eventId: z.string().optional(), resolution: z.enum(['recovered', 'report_received', 'no_further_fall']) }),
]);

export const alertDocumentSchema = z.object({
  id: z.string(),
  kind: z.enum(['status_slip', 'regression', 'overdue']),
  subject: z.string(),
  frequency: z.enum(['month', 'quarter', 'year']),
  unit: z.string(),
  hierarchyVersion: z.string(),
  ordinal: z.number().int().positive(),
  state: z.enum(['firing', 'acknowledged', 'resolved']),
  severity: severitySchema,
  period: z.string(),
  openPeriods: z.array(z.string()),
  facts: factsSchema,
  firedAt: date,
  notifiedAt: date.optional(),
  acknowledgement: z.object({ by: z.string(), note: z.string().optional(), at: date }).optional(),
  escalationLevel: z.number().int().nonnegative(),
  escalatedAt: date.optional(),
  resolvedAt: date.optional(),
  resolution: z.enum(['recovered', 'report_received', 'no_further_fall']).optional(),
  inhibitedBy: z.string().optional(),
  timers: z.object({ repeatAt: date.optional(), escalateAt: date.optional(), expireAt: date.optional() }),
  lastChangeAt: date,
  history: z.array(historyEntrySchema),
});

/** The alert a stored document holds; throws when it holds none. */
export function alertFromDocument(document: unknown): Alert {
  return alertDocumentSchema.parse(document) as Alert;
}

/** The document to store (instants as ISO strings; absent fields left out). */
export function alertToDocument(alert: Alert): string {
  return JSON.stringify(alert);
}
