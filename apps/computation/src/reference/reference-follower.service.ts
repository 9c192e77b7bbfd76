import { Inject, Injectable } from '@nestjs/common';

import { referenceChangeOf } from '@dx/domain';
import { ReferenceTopicFollower, SERVICE_CONTEXT, ServiceContext } from '@dx/platform';

import { ReferenceDataService } from './reference-data.service';

/**
 * Keeps this instance's reference data current from dx.reference.v1 (read to its end before anything else
 * is consumed). Each change is applied with its offset, so the recomputation it calls for can compare the
 * reference data just before and after it.
 */
@Injectable()
export class ReferenceFollowerService extends ReferenceTopicFollower {
  constructor(reference: ReferenceDataService, @Inject(SERVICE_CONTEXT) context: ServiceContext) {
    super(context, (data, message) => reference.apply(referenceChangeOf(data), message.offset));
  }
}
