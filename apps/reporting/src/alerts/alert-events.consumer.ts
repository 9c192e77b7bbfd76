import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { AlertV1, TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEvent } from '@dx/messaging';

import { ApplyAlertEventsService } from './apply-alert-events.service';

@Controller()
export class AlertEventsConsumer {
  constructor(private readonly applyAlerts: ApplyAlertEventsService) {}

  @EventPattern(TOPICS.alerts)
  async handle(@Payload() events: ConsumedEvent<AlertV1>[], @Ctx() context: BatchContext): Promise<void> {
    const started = Date.now();
    const result = await this.applyAlerts.execute(events.map(({ event }) => ({ eventId: event.id, time: event.time, data: event.data })));
    context.logger.info({ received: events.length, ...result, lastOffset: events[events.length - 1]?.message.offset, elapsedMs: Date.now() - started }, 'alert events applied');
  }
}
