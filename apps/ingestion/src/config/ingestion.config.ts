import { z } from 'zod';

import { adminTokenConfigSchema, databaseConfigSchema, httpPortSchema, kafkaConfigSchema, requireAdminToken, runtimeConfigSchema } from '@dx/platform';

export const ingestionConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(adminTokenConfigSchema.shape)
  .extend(httpPortSchema('INGESTION_PORT', 3001).shape)
  .extend({
    // Per agency in a sliding minute: submissions (JSON and CSV together), then reads; admin-token calls.
    INGESTION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    INGESTION_READ_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    INGESTION_ADMIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
    // Failed authentications per client address per minute (bursts of a tenth, at least 5); then 429.
    INGESTION_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(60),
    INGESTION_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(4 * 1024 * 1024),
  })
  .superRefine(requireAdminToken);

export type IngestionConfig = z.infer<typeof ingestionConfigSchema>;
