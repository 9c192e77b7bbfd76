import { Module } from '@nestjs/common';

import { ChangesModule } from '../changes/changes.module';
import { IndicatorValuesModule } from '../indicator-values/indicator-values.module';
import { ReferenceModule } from '../reference/reference.module';
import { GetSeriesService } from './get-series.service';
import { SeriesController } from './series.controller';

@Module({
  imports: [ChangesModule, IndicatorValuesModule, ReferenceModule],
  controllers: [SeriesController],
  providers: [GetSeriesService],
})
export class SeriesModule {}
