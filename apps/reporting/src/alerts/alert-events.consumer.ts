import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEventsOf } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyAlertEventsService } from './apply-alert-events.service';

@Controller()
export class AlertEventsConsumer {
  constructor(private readonly applyAlerts: ApplyAlertEventsService) {}

  @ConsumeEvents(TOPICS.alerts)
  async handle(events: ConsumedEventsOf<typeof TOPICS.alerts>, context: BatchContext): Promise<void> {
    const started = Date.now();
    const result = await this.applyAlerts.execute(events.map(({ event }) => ({ eventId: event.id, time: event.time, data: event.data })));
    context.logger.info(
      { received: events.length, ...result, lastOffset: events[events.length - 1]?.message.offset, elapsedMs: Date.now() - started },
      'alert events applied',
    );
  }
}
