import { Module } from '@nestjs/common';

import { ClockService } from './clock.service';
import { ReferenceDataService } from './reference-data.service';

const services = [ClockService, ReferenceDataService];

@Module({ providers: [...services], exports: [...services] })
export class ReferenceModule {}
