import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { ObservationRecordedV1, TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEvent } from '@dx/messaging';

import { ApplyObservationsService } from './apply-observations.service';

@Controller()
export class ObservationRecordedConsumer {
  constructor(private readonly applyObservations: ApplyObservationsService) {}

  @EventPattern(TOPICS.observations)
  async handle(@Payload() events: ConsumedEvent<ObservationRecordedV1>[], @Ctx() context: BatchContext): Promise<void> {
    const started = Date.now();
    const result = await this.applyObservations.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
    context.logger.info(
      { received: events.length, ...result, firstOffset: events[0]?.message.offset, lastOffset: events[events.length - 1]?.message.offset, elapsedMs: Date.now() - started },
      'observations applied',
    );
  }
}
