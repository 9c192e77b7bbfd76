import { Module } from '@nestjs/common';

import { AgenciesModule } from './agencies/agencies.module';
import { ObservationsModule } from './observations/observations.module';

// The ingestion service: agencies and their keys, the reference data, and the observations they submit.
@Module({ imports: [AgenciesModule, ObservationsModule] })
export class AppModule {}
