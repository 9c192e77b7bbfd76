import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { ConsumedEventsOf, SliceOutcome } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyStatusChangesService } from './apply-status-changes.service';

@Controller()
export class StatusChangedConsumer {
  constructor(private readonly applyStatusChanges: ApplyStatusChangesService) {}

  @ConsumeEvents(TOPICS.indicatorStatus)
  // Logged by the consumer with the slice's offsets and time.
  handle(events: ConsumedEventsOf<typeof TOPICS.indicatorStatus>): Promise<SliceOutcome> {
    return this.applyStatusChanges.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
  }
}
