import { Module } from '@nestjs/common';

import { ClockService } from './clock.service';
import { ReferenceDataService } from './reference-data.service';
import { ReferenceFollowerService } from './reference-follower.service';

const services = [ClockService, ReferenceDataService];

@Module({ providers: [...services, ReferenceFollowerService], exports: [...services] })
export class ReferenceModule {}
