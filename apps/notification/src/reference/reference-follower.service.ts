import { Inject, Injectable } from '@nestjs/common';

import { referenceChangeOf } from '@dx/domain';
import { ReferenceTopicFollower, SERVICE_CONTEXT, ServiceContext } from '@dx/platform';

import { ReferenceDataService } from './reference-data.service';

/**
 * Keeps this instance's hierarchy versions and catalogue current from dx.reference.v1: read to its end
 * before the service consumes status events or answers, so a restarted instance routes and escalates in the
 * versions administrators loaded; then followed.
 */
@Injectable()
export class ReferenceFollowerService extends ReferenceTopicFollower {
  constructor(reference: ReferenceDataService, @Inject(SERVICE_CONTEXT) context: ServiceContext) {
    super(context, (data) => reference.apply(referenceChangeOf(data)));
  }
}
