import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEventsOf } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyStatusEventsService } from './apply-status-events.service';

@Controller()
export class IndicatorStatusConsumer {
  constructor(private readonly applyStatus: ApplyStatusEventsService) {}

  @ConsumeEvents(TOPICS.indicatorStatus)
  async handle(events: ConsumedEventsOf<typeof TOPICS.indicatorStatus>, context: BatchContext): Promise<void> {
    const started = Date.now();
    const result = await this.applyStatus.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
    context.logger.info(
      { received: events.length, ...result, lastOffset: events[events.length - 1]?.message.offset, elapsedMs: Date.now() - started },
      'status events applied',
    );
  }
}
