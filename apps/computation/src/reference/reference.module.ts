import { Module } from '@nestjs/common';

import { ReferenceDataModule } from './reference-data.module';
import { ReferenceFollowerService } from './reference-follower.service';

// The reference data kept current from dx.reference.v1 while the service runs.
@Module({ imports: [ReferenceDataModule], providers: [ReferenceFollowerService], exports: [ReferenceDataModule, ReferenceFollowerService] })
export class ReferenceModule {}
