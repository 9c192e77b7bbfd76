import { Module } from '@nestjs/common';

import { AlertsModule } from './alerts/alerts.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ChangesModule } from './changes/changes.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ExportsModule } from './exports/exports.module';
import { IndicatorValuesModule } from './indicator-values/indicator-values.module';
import { OverdueReportsModule } from './overdue-reports/overdue-reports.module';
import { RankingModule } from './ranking/ranking.module';
import { ScorecardModule } from './scorecard/scorecard.module';
import { SeriesModule } from './series/series.module';

// The reporting service: read models fed by three topics, and the portal API and dashboard over them.
@Module({
  imports: [
    // Topics → read models
    IndicatorValuesModule,
    OverdueReportsModule,
    AlertsModule,
    ChangesModule,
    // Portal API
    CatalogueModule,
    ScorecardModule,
    SeriesModule,
    RankingModule,
    ExportsModule,
    // Dashboard at /
    DashboardModule,
  ],
})
export class AppModule {}
