import { Module } from '@nestjs/common';

import { IndicatorValuesModule } from '../indicator-values/indicator-values.module';
import { ReferenceModule } from '../reference/reference.module';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';

// GET /v1/indicators, /v1/units, /v1/about: the reference data portals and the dashboard read.
@Module({
  imports: [IndicatorValuesModule, ReferenceModule],
  controllers: [CatalogueController],
  providers: [CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
