import { Module } from '@nestjs/common';

import { AgenciesModule } from './agencies/agencies.module';
import { AuthModule } from './auth/auth.module';
import { ObservationsModule } from './observations/observations.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';

// The ingestion service: who calls (auth), the reference data, agencies and their keys, and the observations
// they submit. Each module imports only those before it.
@Module({ imports: [AuthModule, ReferenceDataModule, AgenciesModule, ObservationsModule] })
export class AppModule {}
