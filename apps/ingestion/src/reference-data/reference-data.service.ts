import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { applyReferenceChange, Catalogue, defaultReferenceData, HierarchyRegistry, ReferenceChange, ReferenceData } from '@dx/domain';
import { APP_LOGGER, AppLogger } from '@dx/platform';

import { ReferenceDataRepository } from './reference-data.repository';

/**
 * The catalogue and the administrative-unit versions ingestion checks observations against: the shipped
 * defaults with the changes stored in ingestion's database applied in order. Swapped whole after a change
 * commits, so a check that started with the old reference data finishes with it.
 */
@Injectable()
export class ReferenceDataService {
  private current: ReferenceData = defaultReferenceData();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReferenceDataRepository,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  get catalogue(): Catalogue {
    return this.current.catalogue;
  }

  get hierarchies(): HierarchyRegistry {
    return this.current.hierarchies;
  }

  get reference(): ReferenceData {
    return this.current;
  }

  /** Reads the stored changes (at start, and after a change another instance made: ReferenceFollowerService). */
  async reload(): Promise<void> {
    this.current = await this.load(this.dataSource.manager);
  }

  /** Installs reference data a committed change produced. */
  replace(reference: ReferenceData): void {
    this.current = reference;
  }

  /** The defaults with every stored change applied: hierarchy versions first (targets may name their units). */
  async load(manager: EntityManager): Promise<ReferenceData> {
    const changes: ReferenceChange[] = [
      ...(await this.repository.hierarchies(manager)).map((definition): ReferenceChange => ({ kind: 'hierarchy', definition })),
      ...(await this.repository.targets(manager)).map(({ indicator, ...change }): ReferenceChange => ({ kind: 'targets', indicator, change })),
    ];
    let reference = defaultReferenceData();
    for (const change of changes) {
      const result = applyReferenceChange(reference, change);
      // Every stored change was valid when it was made; one that no longer applies is skipped, loudly,
      // rather than keeping the service from starting.
      if (result.ok) reference = result.value;
      else
        this.logger.error(
          { change: change.kind === 'hierarchy' ? change.definition.id : change.indicator, problems: result.problems.map((p) => p.message) },
          'stored reference data change skipped',
        );
    }
    return reference;
  }

  /** Whether a unit code exists in any loaded version (agencies may be scoped to units of either). */
  unitExists(code: string): boolean {
    return this.hierarchies.versions().some((version) => version.has(code));
  }
}
