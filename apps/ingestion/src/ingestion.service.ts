import { ServiceDefinition } from '@dx/platform';

import { ingestionConfigSchema, IngestionConfig } from './config/ingestion.config';
import { CreateProcessedEvents1764230400000 } from './migrations/1764230400000-create-processed-events';

export const INGESTION_SERVICE: ServiceDefinition<IngestionConfig> = {
  name: 'ingestion',
  title: { vi: 'Dịch vụ tiếp nhận số liệu', en: 'Ingestion service' },
  configSchema: ingestionConfigSchema,
  port: (config) => config.INGESTION_PORT,
  database: { entities: [], migrations: [CreateProcessedEvents1764230400000] },
  imports: () => [],
};
