import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { ConsumedEventsOf, SliceOutcome } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyStatusEventsService } from './apply-status-events.service';

@Controller()
export class IndicatorStatusConsumer {
  constructor(private readonly applyStatus: ApplyStatusEventsService) {}

  @ConsumeEvents(TOPICS.indicatorStatus)
  // Logged by the consumer with the slice's offsets and time.
  handle(events: ConsumedEventsOf<typeof TOPICS.indicatorStatus>): Promise<SliceOutcome> {
    return this.applyStatus.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
  }
}
