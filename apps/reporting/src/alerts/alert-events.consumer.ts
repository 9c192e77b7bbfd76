import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { ConsumedEventsOf, SliceOutcome } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyAlertEventsService } from './apply-alert-events.service';

@Controller()
export class AlertEventsConsumer {
  constructor(private readonly applyAlerts: ApplyAlertEventsService) {}

  @ConsumeEvents(TOPICS.alerts)
  // Logged by the consumer with the slice's offsets and time.
  handle(events: ConsumedEventsOf<typeof TOPICS.alerts>): Promise<SliceOutcome> {
    return this.applyAlerts.execute(events.map(({ event }) => ({ eventId: event.id, time: event.time, data: event.data })));
  }
}
