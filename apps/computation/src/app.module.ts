import { Module } from '@nestjs/common';

import { FactsModule } from './facts/facts.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { OverdueModule } from './overdue/overdue.module';
import { RebuildGuardModule } from './rebuild/rebuild-guard.module';

// The computation service: observations → facts → indicator values and overdue reports, published through the outbox.
// RebuildGuardModule holds the running lock from start-up to shutdown, so that no rebuild runs under an instance.
@Module({ imports: [RebuildGuardModule, FactsModule, IndicatorsModule, OverdueModule] })
export class AppModule {}
