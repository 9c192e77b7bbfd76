import { ServiceDefinition } from '@dx/platform';

import { reportingConfigSchema, ReportingConfig } from './config/reporting.config';
import { CreateProcessedEvents1764230400000 } from './migrations/1764230400000-create-processed-events';

export const REPORTING_SERVICE: ServiceDefinition<ReportingConfig> = {
  name: 'reporting',
  title: { vi: 'Dịch vụ báo cáo', en: 'Reporting service' },
  configSchema: reportingConfigSchema,
  port: (config) => config.REPORTING_PORT,
  database: { entities: [], migrations: [CreateProcessedEvents1764230400000] },
  imports: () => [],
};
