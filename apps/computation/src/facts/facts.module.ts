import { Module } from '@nestjs/common';

import { ObservationRecordedConsumer } from './observation-recorded.consumer';
import { RecordObservationsService } from './record-observations.service';

const consumers = [ObservationRecordedConsumer];
const useCases = [RecordObservationsService];

@Module({ controllers: [...consumers], providers: [...useCases] })
export class FactsModule {}
