import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEventsOf } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ReferenceDataService } from '../reference/reference-data.service';
import { ReferenceFollowerService } from '../reference/reference-follower.service';
import { RecomputeForHierarchyService } from './recompute-for-hierarchy.service';
import { RecomputeForTargetsService } from './recompute-for-targets.service';

/**
 * The recomputation a reference data change calls for, done once per change by the service's consumer
 * group (every instance's follower updates its own reference data; one instance recomputes). It waits until
 * this instance computes with the change, then recomputes the values each changed hierarchy version reaches
 * (in the order the changes were made) and the values of each indicator whose targets changed.
 */
@Controller()
export class ReferenceChangedConsumer {
  constructor(
    private readonly follower: ReferenceFollowerService,
    private readonly reference: ReferenceDataService,
    private readonly recomputeForHierarchy: RecomputeForHierarchyService,
    private readonly recomputeForTargets: RecomputeForTargetsService,
  ) {}

  @ConsumeEvents(TOPICS.reference)
  async handle(events: ConsumedEventsOf<typeof TOPICS.reference>, context: BatchContext): Promise<void> {
    if (events.length === 0) return;
    await this.follower.appliedThrough(events[events.length - 1].message.offset);
    for (const { event, message } of events) {
      if (!('version' in event.data)) continue;
      const applied = this.reference.changeAt(message.offset);
      if (!applied) {
        // Refused by this instance's domain (logged by the follower), or so old it is forgotten.
        context.logger.warn({ version: event.data.version, offset: message.offset }, 'hierarchy change not applied here: nothing recomputed');
        continue;
      }
      const result = await this.recomputeForHierarchy.execute(applied);
      context.logger.info({ version: event.data.version, ...result }, 'values recomputed for a changed hierarchy version');
      await context.heartbeat();
    }
    const indicators = new Set(events.flatMap(({ event }) => ('indicator' in event.data ? [event.data.indicator] : [])));
    for (const indicator of indicators) {
      const result = await this.recomputeForTargets.execute(indicator);
      context.logger.info({ indicator, ...result }, 'values recomputed for changed targets');
      await context.heartbeat();
    }
  }
}
