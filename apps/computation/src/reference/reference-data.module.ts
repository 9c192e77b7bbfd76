import { Module } from '@nestjs/common';

import { ClockService } from './clock.service';
import { ReferenceDataService } from './reference-data.service';

const services = [ClockService, ReferenceDataService];

/**
 * The reference data and the clock, with nothing that reads dx.reference.v1: the running service gets them
 * kept current through ReferenceModule; the rebuild, which reads the topic once itself, imports this alone.
 */
@Module({ providers: [...services], exports: [...services] })
export class ReferenceDataModule {}
