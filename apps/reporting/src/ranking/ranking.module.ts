import { Module } from '@nestjs/common';

import { IndicatorValuesModule } from '../indicator-values/indicator-values.module';
import { ReferenceModule } from '../reference/reference.module';
import { GetRankingService } from './get-ranking.service';
import { RankingController } from './ranking.controller';

@Module({
  imports: [IndicatorValuesModule, ReferenceModule],
  controllers: [RankingController],
  providers: [GetRankingService],
})
export class RankingModule {}
