import { Module } from '@nestjs/common';

import { OutboxModule } from '@dx/platform';

import { AuthModule } from '../auth/auth.module';
import { ChangeReferenceDataService } from './change-reference-data.service';
import { ReferenceDataController } from './reference-data.controller';
import { ReferenceDataRepository } from './reference-data.repository';
import { ReferenceDataService } from './reference-data.service';
import { ReferenceFollowerService } from './reference-follower.service';

const controllers = [ReferenceDataController];
const useCases = [ChangeReferenceDataService];
const repositories = [ReferenceDataRepository];

// Exports the reference data every check of an agency or an observation reads.
@Module({
  imports: [AuthModule, OutboxModule],
  controllers,
  providers: [...useCases, ...repositories, ReferenceDataService, ReferenceFollowerService],
  exports: [ReferenceDataService],
})
export class ReferenceDataModule {}
