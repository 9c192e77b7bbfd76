import { z } from 'zod';

import { databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from '@dx/platform';

export const reportingConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(httpPortSchema('REPORTING_PORT', 3000).shape);

export type ReportingConfig = z.infer<typeof reportingConfigSchema>;
