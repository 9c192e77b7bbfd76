import { Injectable } from '@nestjs/common';

import { Catalogue, DEFAULT_CATALOGUE, HierarchyRegistry } from '@dx/domain';

/**
 * The catalogue and the hierarchy versions this service computes with: the platform defaults, since no
 * topic carries catalogue or hierarchy changes to this service yet.
 */
@Injectable()
export class ReferenceDataService {
  readonly catalogue: Catalogue = DEFAULT_CATALOGUE;
  readonly hierarchies: HierarchyRegistry = HierarchyRegistry.withDefaults();
}
