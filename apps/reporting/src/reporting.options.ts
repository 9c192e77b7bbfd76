import { ServiceOptions } from '@dx/platform';

import { reportingConfigSchema, ReportingConfig } from './config/reporting.config';
import { configureHttp } from './http/configure-http.util';
import { REPORTING_MIGRATIONS } from './migrations/reporting-migrations.constant';

// How the platform runs the reporting service; the service itself is AppModule.
export const REPORTING_OPTIONS: ServiceOptions<ReportingConfig> = {
  name: 'reporting',
  title: { vi: 'Dịch vụ báo cáo', en: 'Reporting service' },
  configSchema: reportingConfigSchema,
  port: (config) => config.REPORTING_PORT,
  database: { entities: [], migrations: REPORTING_MIGRATIONS },
  streamPaths: ['/v1/changes/stream'],
  configure: (app, context) => configureHttp(app, context.config),
};
