import { ServiceDefinition } from '@dx/platform';

import { computationConfigSchema, ComputationConfig } from './config/computation.config';
import { FactsModule } from './facts/facts.module';
import { ObservationFactEntity } from './facts/observation-fact.entity';
import { ProcessedEventEntity } from './facts/processed-event.entity';
import { CreateFacts1764230400000 } from './migrations/1764230400000-create-facts';

export const COMPUTATION_SERVICE: ServiceDefinition<ComputationConfig> = {
  name: 'computation',
  title: { vi: 'Dịch vụ tính toán chỉ tiêu', en: 'Indicator computation service' },
  configSchema: computationConfigSchema,
  port: (config) => config.COMPUTATION_PORT,
  database: {
    entities: [ObservationFactEntity, ProcessedEventEntity],
    migrations: [CreateFacts1764230400000],
  },
  imports: () => [FactsModule],
};
