import { Module } from '@nestjs/common';

import { OutboxModule } from '@dx/platform';

import { ReferenceModule } from '../reference/reference.module';
import { OverdueReportsModule } from './overdue-reports.module';
import { OverdueScheduler } from './overdue.scheduler';
import { RaiseOverdueReportsService } from './raise-overdue-reports.service';

const useCases = [RaiseOverdueReportsService, OverdueScheduler];

@Module({
  imports: [OverdueReportsModule, ReferenceModule, OutboxModule],
  providers: [...useCases],
  exports: [OverdueReportsModule, RaiseOverdueReportsService],
})
export class OverdueModule {}
