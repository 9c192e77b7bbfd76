import { Module } from '@nestjs/common';

import { OutboxModule } from '@dx/platform';

import { FactsModule } from '../facts/facts.module';
import { OverdueModule } from '../overdue/overdue.module';
import { ReferenceModule } from '../reference/reference.module';
import { ApplyObservationsService } from './apply-observations.service';
import { IndicatorValuesModule } from './indicator-values.module';
import { ObservationRecordedConsumer } from './observation-recorded.consumer';
import { RecomputeForHierarchyService } from './recompute-for-hierarchy.service';
import { RecomputeForTargetsService } from './recompute-for-targets.service';
import { RecomputeValuesService } from './recompute-values.service';
import { ReferenceChangedConsumer } from './reference-changed.consumer';

const consumers = [ObservationRecordedConsumer, ReferenceChangedConsumer];
const useCases = [ApplyObservationsService, RecomputeForHierarchyService, RecomputeForTargetsService, RecomputeValuesService];

@Module({
  imports: [FactsModule, IndicatorValuesModule, OverdueModule, ReferenceModule, OutboxModule],
  controllers: [...consumers],
  providers: [...useCases],
})
export class IndicatorsModule {}
