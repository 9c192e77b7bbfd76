import { Inject, Injectable } from '@nestjs/common';

import { referenceChangeOf } from '@dx/domain';
import { ReferenceTopicFollower, SERVICE_CONTEXT, ServiceContext } from '@dx/platform';

import { ReferenceDataService } from './reference-data.service';

/**
 * Keeps this instance's reference data current from dx.reference.v1: read to its end before the service
 * consumes or answers anything, so portals see the targets and versions administrators set; then followed.
 */
@Injectable()
export class ReferenceFollowerService extends ReferenceTopicFollower {
  constructor(reference: ReferenceDataService, @Inject(SERVICE_CONTEXT) context: ServiceContext) {
    super(context, (data) => reference.apply(referenceChangeOf(data)));
  }
}
