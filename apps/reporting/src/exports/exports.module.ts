import { Module } from '@nestjs/common';

import { ScorecardModule } from '../scorecard/scorecard.module';
import { ExportScorecardService } from './export-scorecard.service';
import { ExportsController } from './exports.controller';

@Module({
  imports: [ScorecardModule],
  controllers: [ExportsController],
  providers: [ExportScorecardService],
})
export class ExportsModule {}
