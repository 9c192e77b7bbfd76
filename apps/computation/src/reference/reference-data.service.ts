import { Injectable } from '@nestjs/common';

import { CurrentReferenceData } from '@dx/domain';

/**
 * The catalogue and the hierarchy versions this service computes with: the platform defaults with every
 * change read from dx.reference.v1 applied in order (see ReferenceFollowerService, or the rebuild, which reads the topic once).
 */
@Injectable()
export class ReferenceDataService extends CurrentReferenceData {}
