import { DynamicModule, Module } from '@nestjs/common';

import { PlatformModule, ServiceContext } from '@dx/platform';

import { AlertsModule } from '../alerts/alerts.module';
import { IndicatorValuesModule } from '../indicator-values/indicator-values.module';
import { REPORTING_MIGRATIONS } from '../migrations/reporting-migrations.constant';
import { OverdueReportsModule } from '../overdue-reports/overdue-reports.module';

/** The read-model features of AppModule, without HTTP or a Kafka consumer: what a rebuild replays through. */
@Module({})
export class RebuildModule {
  static with(context: ServiceContext): DynamicModule {
    return {
      module: RebuildModule,
      imports: [PlatformModule.forRoot(context, { entities: [], migrations: REPORTING_MIGRATIONS }), IndicatorValuesModule, OverdueReportsModule, AlertsModule],
    };
  }
}
