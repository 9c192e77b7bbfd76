import { z } from 'zod';

import { adminTokenConfigSchema, databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from '@dx/platform';

export const ingestionConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(adminTokenConfigSchema.shape)
  .extend(httpPortSchema('INGESTION_PORT', 3001).shape)
  .extend({
    // Requests per agency per minute, with bursts up to a tenth of it (token bucket).
    INGESTION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    INGESTION_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
  });

export type IngestionConfig = z.infer<typeof ingestionConfigSchema>;
