import { Module } from '@nestjs/common';

import { ClockService } from './clock.service';
import { ReferenceDataService } from './reference-data.service';
import { ReferenceFollowerService } from './reference-follower.service';

const services = [ClockService, ReferenceDataService];

// The reference data every feature reads; the follower keeps it current from dx.reference.v1.
@Module({ providers: [...services, ReferenceFollowerService], exports: [...services] })
export class ReferenceModule {}
