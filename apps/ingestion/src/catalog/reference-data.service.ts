import { Injectable } from '@nestjs/common';

import { Catalogue, DEFAULT_CATALOGUE, HierarchyRegistry } from '@dx/domain';

/** The catalogue and the administrative-unit versions ingestion checks observations against. */
@Injectable()
export class ReferenceDataService {
  readonly catalogue: Catalogue = DEFAULT_CATALOGUE;
  readonly hierarchies: HierarchyRegistry = HierarchyRegistry.withDefaults();

  /** Whether a unit code exists in any loaded version (agencies may be scoped to units of either). */
  unitExists(code: string): boolean {
    return this.hierarchies.versions().some((version) => version.has(code));
  }
}
