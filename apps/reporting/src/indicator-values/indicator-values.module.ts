import { Module } from '@nestjs/common';

import { ChangesModule } from '../changes/changes.module';
import { ProcessedEventsModule } from '../processed-events/processed-events.module';
import { ReferenceModule } from '../reference/reference.module';
import { ApplyIndicatorValuesService } from './apply-indicator-values.service';
import { IndicatorComputedConsumer } from './indicator-computed.consumer';
import { IndicatorValuesReaderService } from './indicator-values-reader.service';
import { IndicatorValuesRepository } from './indicator-values.repository';

const consumers = [IndicatorComputedConsumer];
const useCases = [ApplyIndicatorValuesService];
const services = [IndicatorValuesReaderService];
const repositories = [IndicatorValuesRepository];

// dx.indicator-values.v1 → the values read model; the API's features read it through the reader.
@Module({
  imports: [ChangesModule, ProcessedEventsModule, ReferenceModule],
  controllers: [...consumers],
  providers: [...useCases, ...services, ...repositories],
  exports: [IndicatorValuesReaderService, ApplyIndicatorValuesService],
})
export class IndicatorValuesModule {}
