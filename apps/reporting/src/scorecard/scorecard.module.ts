import { Module } from '@nestjs/common';

import { ChangesModule } from '../changes/changes.module';
import { IndicatorValuesModule } from '../indicator-values/indicator-values.module';
import { ReferenceModule } from '../reference/reference.module';
import { GetScorecardService } from './get-scorecard.service';
import { ScorecardController } from './scorecard.controller';

// GET /v1/scorecard; the exports feature writes the same scorecard as CSV and XLSX.
@Module({
  imports: [ChangesModule, IndicatorValuesModule, ReferenceModule],
  controllers: [ScorecardController],
  providers: [GetScorecardService],
  exports: [GetScorecardService],
})
export class ScorecardModule {}
