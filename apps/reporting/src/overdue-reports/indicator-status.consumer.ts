import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { IndicatorStatusChangedV1, ReportOverdueV1, TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEvent } from '@dx/messaging';

import { ApplyStatusEventsService } from './apply-status-events.service';

@Controller()
export class IndicatorStatusConsumer {
  constructor(private readonly applyStatus: ApplyStatusEventsService) {}

  @EventPattern(TOPICS.indicatorStatus)
  async handle(@Payload() events: ConsumedEvent<IndicatorStatusChangedV1 | ReportOverdueV1>[], @Ctx() context: BatchContext): Promise<void> {
    const started = Date.now();
    const result = await this.applyStatus.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
    context.logger.info({ received: events.length, ...result, lastOffset: events[events.length - 1]?.message.offset, elapsedMs: Date.now() - started }, 'status events applied');
  }
}
