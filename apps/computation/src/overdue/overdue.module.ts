import { Module } from '@nestjs/common';

import { OutboxModule } from '@dx/platform';

import { ReferenceModule } from '../reference/reference.module';
import { OverdueReports } from './overdue-reports.port';
import { OverdueReportsRepository } from './overdue-reports.repository';
import { OverdueSchedulerService } from './overdue-scheduler.service';
import { RaiseOverdueReportsService } from './raise-overdue-reports.service';

const repositories = [OverdueReportsRepository];
const useCases = [RaiseOverdueReportsService, OverdueSchedulerService];

@Module({
  imports: [ReferenceModule, OutboxModule],
  providers: [...repositories, ...useCases, { provide: OverdueReports, useExisting: OverdueReportsRepository }],
  exports: [OverdueReports, RaiseOverdueReportsService],
})
export class OverdueModule {}
