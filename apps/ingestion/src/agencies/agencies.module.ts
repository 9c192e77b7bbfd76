import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

import { APP_CONFIG, OutboxModule } from '@dx/platform';

import { AdminGuard, AgencyGuard } from '../auth/auth.guards';
import { CredentialsService } from '../auth/credentials.service';
import { PrincipalThrottlerGuard, principalThrottlers } from '../auth/principal-throttler.guard';
import { CatalogController } from '../catalog/catalog.controller';
import { ChangeReferenceDataService } from '../catalog/change-reference-data.service';
import { ReferenceDataRepository } from '../catalog/reference-data.repository';
import { ReferenceFollowerService } from '../catalog/reference-follower.service';
import { ReferenceDataService } from '../catalog/reference-data.service';
import { IngestionConfig } from '../config/ingestion.config';
import { AgenciesController } from './agencies.controller';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';

const controllers = [AgenciesController, CatalogController];
const useCases = [AgenciesService, CredentialsService, ChangeReferenceDataService];
const repositories = [AgenciesRepository, ReferenceDataRepository];

// Global: every feature authenticates through it and checks against the same reference data.
@Global()
@Module({
  imports: [OutboxModule, ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: IngestionConfig) => principalThrottlers(config) })],
  controllers,
  providers: [...useCases, ...repositories, ReferenceDataService, ReferenceFollowerService, AdminGuard, AgencyGuard, PrincipalThrottlerGuard],
  exports: [CredentialsService, AgenciesRepository, ReferenceDataService, AdminGuard, AgencyGuard, PrincipalThrottlerGuard],
})
export class AgenciesModule {}
