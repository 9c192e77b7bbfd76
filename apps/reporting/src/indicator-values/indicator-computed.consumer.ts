import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEventsOf } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyIndicatorValuesService } from './apply-indicator-values.service';

@Controller()
export class IndicatorComputedConsumer {
  constructor(private readonly applyValues: ApplyIndicatorValuesService) {}

  @ConsumeEvents(TOPICS.indicatorValues)
  async handle(events: ConsumedEventsOf<typeof TOPICS.indicatorValues>, context: BatchContext): Promise<void> {
    const started = Date.now();
    const result = await this.applyValues.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
    context.logger.info(
      {
        received: events.length,
        ...result,
        firstOffset: events[0]?.message.offset,
        lastOffset: events[events.length - 1]?.message.offset,
        elapsedMs: Date.now() - started,
      },
      'indicator values applied',
    );
  }
}
