import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { ConsumedEventsOf, SliceOutcome } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyObservationsService } from './apply-observations.service';

@Controller()
export class ObservationRecordedConsumer {
  constructor(private readonly applyObservations: ApplyObservationsService) {}

  @ConsumeEvents(TOPICS.observations)
  // Logged by the consumer with the slice's offsets and time.
  handle(events: ConsumedEventsOf<typeof TOPICS.observations>): Promise<SliceOutcome> {
    return this.applyObservations.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
  }
}
