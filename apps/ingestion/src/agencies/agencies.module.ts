import { Global, Module } from '@nestjs/common';

import { AdminGuard, AgencyGuard } from '../auth/auth.guards';
import { CredentialsService } from '../auth/credentials.service';
import { CatalogController } from '../catalog/catalog.controller';
import { ReferenceDataService } from '../catalog/reference-data.service';
import { AgenciesController } from './agencies.controller';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';

const controllers = [AgenciesController, CatalogController];
const useCases = [AgenciesService, CredentialsService];
const repositories = [AgenciesRepository];

// Global: every feature authenticates through it and checks against the same reference data.
@Global()
@Module({
  controllers,
  providers: [...useCases, ...repositories, ReferenceDataService, AdminGuard, AgencyGuard],
  exports: [CredentialsService, AgenciesRepository, ReferenceDataService, AdminGuard, AgencyGuard],
})
export class AgenciesModule {}
