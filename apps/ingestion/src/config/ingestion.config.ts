import { z } from 'zod';

import { adminTokenConfigSchema, databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from '@dx/platform';

export const ingestionConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(adminTokenConfigSchema.shape)
  .extend(httpPortSchema('INGESTION_PORT', 3001).shape);

export type IngestionConfig = z.infer<typeof ingestionConfigSchema>;
