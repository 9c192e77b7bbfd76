import { ServiceDefinition } from '@dx/platform';

import { AppModule } from './app.module';
import { reportingConfigSchema, ReportingConfig } from './config/reporting.config';
import { configureHttp } from './http/configure-http.util';
import { REPORTING_MIGRATIONS } from './migrations/reporting-migrations.constant';

// The only glue to the platform's bootstrap; the service itself is AppModule.
export const REPORTING_SERVICE: ServiceDefinition<ReportingConfig> = {
  name: 'reporting',
  title: { vi: 'Dịch vụ báo cáo', en: 'Reporting service' },
  configSchema: reportingConfigSchema,
  port: (config) => config.REPORTING_PORT,
  database: { entities: [], migrations: REPORTING_MIGRATIONS },
  imports: () => [AppModule],
  streamPaths: ['/v1/changes/stream'],
  configure: (app, context) => configureHttp(app, context.config),
};
