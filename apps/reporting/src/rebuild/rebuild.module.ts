import { Module } from '@nestjs/common';

import { AlertsModule } from '../alerts/alerts.module';
import { IndicatorValuesModule } from '../indicator-values/indicator-values.module';
import { OverdueReportsModule } from '../overdue-reports/overdue-reports.module';

/** The read-model features of AppModule, run without HTTP or a Kafka consumer: what a rebuild replays through. */
@Module({ imports: [IndicatorValuesModule, OverdueReportsModule, AlertsModule] })
export class RebuildModule {}
