import { Module } from '@nestjs/common';

import { OutboxModule } from '@dx/platform';

import { IntakeObservationsService } from '../intake/intake-observations.service';
import { IntakeConsumer } from '../intake/intake.consumer';
import { ObservationsController } from './observations.controller';
import { ObservationsRepository } from './observations.repository';
import { SubmitObservationsService } from './submit-observations.service';

const controllers = [ObservationsController];
const consumers = [IntakeConsumer];
const useCases = [SubmitObservationsService, IntakeObservationsService];
const repositories = [ObservationsRepository];

@Module({ imports: [OutboxModule], controllers: [...controllers, ...consumers], providers: [...useCases, ...repositories] })
export class ObservationsModule {}
