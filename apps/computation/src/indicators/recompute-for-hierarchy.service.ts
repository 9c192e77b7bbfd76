import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { AppliedChange, hierarchyChangeReach } from '@dx/domain';
import { OutboxWriter } from '@dx/platform';

import { ClockService } from '../reference/clock.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { planFor, stillPublished } from './recompute-plan.util';
import { RecomputeValuesService } from './recompute-values.service';

export interface RecomputeForHierarchyResult {
  recomputed: number;
  published: number;
  statusEvents: number;
}

/**
 * After a hierarchy version was loaded or replaced: the values the domain says the change reaches
 * (`hierarchyChangeReach`, comparing the reference data just before and after it) are recomputed with the
 * reference data as it now is, in one transaction, and only those that come out different are stored and
 * published, with their status events. Values of a unit the change removed, or of a period now in force
 * under another version, are left as they are: they are no longer published or updated. Running it again
 * changes nothing.
 */
@Injectable()
export class RecomputeForHierarchyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recompute: RecomputeValuesService,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(applied: AppliedChange): Promise<RecomputeForHierarchyResult> {
    const none = { recomputed: 0, published: 0, statusEvents: 0 };
    if (applied.change.kind !== 'hierarchy') return none;
    const version = applied.change.definition.id;
    const reference = this.reference.reference;
    return this.dataSource.transaction(async (manager) => {
      const fromYear = await this.recompute.firstFactYear(manager);
      if (fromYear === undefined) return none;
      const reached = hierarchyChangeReach(reference.catalogue, applied.before.hierarchies, applied.after.hierarchies, version, {
        now: this.clock.now(),
        fromYear,
      });
      // A later change may have moved the same values again: it recomputes them itself.
      const refs = reached.filter((ref) => stillPublished(reference.hierarchies, ref));
      if (refs.length === 0) return none;
      const computedAt = new Date();
      const plan = planFor(reference.catalogue, reference.hierarchies, refs);
      const outcome = await this.recompute.recompute(manager, reference, plan, computedAt, { onlyStoredOrWithData: true });
      await this.outbox.enqueue(manager, outcome.events);
      return { recomputed: outcome.recomputed, published: outcome.published, statusEvents: outcome.statusEvents };
    });
  }
}
