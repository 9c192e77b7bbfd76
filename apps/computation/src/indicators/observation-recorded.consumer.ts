import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEventsOf } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyObservationsService } from './apply-observations.service';

@Controller()
export class ObservationRecordedConsumer {
  constructor(private readonly applyObservations: ApplyObservationsService) {}

  @ConsumeEvents(TOPICS.observations)
  async handle(events: ConsumedEventsOf<typeof TOPICS.observations>, context: BatchContext): Promise<void> {
    const started = Date.now();
    const result = await this.applyObservations.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
    context.logger.info(
      {
        received: events.length,
        ...result,
        firstOffset: events[0]?.message.offset,
        lastOffset: events[events.length - 1]?.message.offset,
        elapsedMs: Date.now() - started,
      },
      'observations applied',
    );
  }
}
