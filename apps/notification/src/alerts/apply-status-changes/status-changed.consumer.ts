import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEventsOf } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyStatusChangesService } from './apply-status-changes.service';

@Controller()
export class StatusChangedConsumer {
  constructor(private readonly applyStatusChanges: ApplyStatusChangesService) {}

  @ConsumeEvents(TOPICS.indicatorStatus)
  async handle(events: ConsumedEventsOf<typeof TOPICS.indicatorStatus>, context: BatchContext): Promise<void> {
    const started = Date.now();
    const result = await this.applyStatusChanges.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
    context.logger.info(
      {
        received: events.length,
        ...result,
        firstOffset: events[0]?.message.offset,
        lastOffset: events[events.length - 1]?.message.offset,
        elapsedMs: Date.now() - started,
      },
      'status changes applied',
    );
  }
}
