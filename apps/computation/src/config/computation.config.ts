import { z } from 'zod';

import { databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from '@dx/platform';

export const computationConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(httpPortSchema('COMPUTATION_PORT', 3002).shape);

export type ComputationConfig = z.infer<typeof computationConfigSchema>;
