import { Module } from '@nestjs/common';

import { ReferenceDataModule } from '../reference/reference-data.module';
import { OverdueReports } from './overdue-reports.port';
import { OverdueReportsRepository } from './overdue-reports.repository';

// The reports without the scheduler that raises them: what the rebuild imports. Other features get the port.
@Module({
  imports: [ReferenceDataModule],
  providers: [OverdueReportsRepository, { provide: OverdueReports, useExisting: OverdueReportsRepository }],
  exports: [OverdueReports],
})
export class OverdueReportsModule {}
