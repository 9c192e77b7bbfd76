import { Module } from '@nestjs/common';

import { OutboxModule } from '@dx/platform';

import { AgenciesModule } from '../agencies/agencies.module';
import { AuthModule } from '../auth/auth.module';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { FindSubmissionService } from './find-submission.service';
import { IntakeObservationsService } from './intake/intake-observations.service';
import { IntakeConsumer } from './intake/intake.consumer';
import { ListObservationsService } from './list-observations.service';
import { ObservationsController } from './observations.controller';
import { ObservationsRepository } from './observations.repository';
import { SubmitObservationsService } from './submit-observations.service';

const controllers = [ObservationsController];
const consumers = [IntakeConsumer];
const useCases = [SubmitObservationsService, FindSubmissionService, ListObservationsService, IntakeObservationsService];
const repositories = [ObservationsRepository];

@Module({
  imports: [AuthModule, AgenciesModule, ReferenceDataModule, OutboxModule],
  controllers: [...controllers, ...consumers],
  providers: [...useCases, ...repositories],
})
export class ObservationsModule {}
