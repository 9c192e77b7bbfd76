import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { AgenciesController } from './agencies.controller';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';
import { AgencyLookupService } from './agency-lookup.service';

const controllers = [AgenciesController];
const useCases = [AgenciesService, AgencyLookupService];
const repositories = [AgenciesRepository];

@Module({
  imports: [AuthModule, ReferenceDataModule],
  controllers,
  providers: [...useCases, ...repositories],
  exports: [AgencyLookupService],
})
export class AgenciesModule {}
