import { z } from 'zod';

import { databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from '@dx/platform';

export const computationConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(httpPortSchema('COMPUTATION_PORT', 3002).shape)
  .extend({
    // How often the overdue scheduler looks for reports past their due day; 0 turns it off.
    COMPUTATION_OVERDUE_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
    // Only periods that ended within this many months are chased: older gaps are history, not urging.
    COMPUTATION_OVERDUE_LOOKBACK_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    // Events applied in one transaction: each slice recomputes its affected values up to the city once and
    // reads their facts back, so larger slices share that work (ADR 0019). 20,000 is more than a fetched
    // batch holds while the service keeps up: one transaction per batch (ADR 0020). Bounded so a slice
    // stays far under the session timeout.
    COMPUTATION_MAX_EVENTS_PER_SLICE: z.coerce.number().int().min(1).max(50_000).default(20_000),
    // Partitions whose batches are applied at once, each in its own transaction (ADR 0024).
    COMPUTATION_PARTITIONS_IN_PARALLEL: z.coerce.number().int().min(1).max(6).default(3),
    // A fixed business clock (tests, demos): which periods are in the future, which reports are overdue.
    DX_CLOCK_NOW: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && config.DX_CLOCK_NOW !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['DX_CLOCK_NOW'], message: 'must not be set in production' });
    }
  });

export type ComputationConfig = z.infer<typeof computationConfigSchema>;
