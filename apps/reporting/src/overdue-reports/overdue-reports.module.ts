import { Module } from '@nestjs/common';

import { ChangesModule } from '../changes/changes.module';
import { ProcessedEventsModule } from '../processed-events/processed-events.module';
import { ReferenceModule } from '../reference/reference.module';
import { ApplyStatusEventsService } from './apply-status-events.service';
import { IndicatorStatusConsumer } from './indicator-status.consumer';
import { ListOverdueReportsService } from './list-overdue-reports.service';
import { OverdueReportsController } from './overdue-reports.controller';
import { OverdueReportsRepository } from './overdue-reports.repository';

const consumers = [IndicatorStatusConsumer];
const controllers = [OverdueReportsController];
const useCases = [ApplyStatusEventsService, ListOverdueReportsService];
const repositories = [OverdueReportsRepository];

// dx.indicator-status.v1 → overdue reports (raised, cleared) and GET /v1/overdue-reports.
@Module({
  imports: [ChangesModule, ProcessedEventsModule, ReferenceModule],
  controllers: [...consumers, ...controllers],
  providers: [...useCases, ...repositories],
  exports: [ApplyStatusEventsService],
})
export class OverdueReportsModule {}
