import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEvent } from '@dx/messaging';

import { RecordObservationsService } from './record-observations.service';

@Controller()
export class ObservationRecordedConsumer {
  constructor(private readonly recordObservations: RecordObservationsService) {}

  @EventPattern(TOPICS.observations)
  async handle(@Payload() events: ConsumedEvent<ObservationRecordedV1>[], @Ctx() context: BatchContext): Promise<void> {
    const started = Date.now();
    const applied = await this.recordObservations.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
    context.logger.info(
      { received: events.length, applied, firstOffset: events[0]?.message.offset, elapsedMs: Date.now() - started },
      'observations recorded',
    );
  }
}
