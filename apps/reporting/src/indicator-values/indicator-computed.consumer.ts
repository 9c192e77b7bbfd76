import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { ConsumedEventsOf, SliceOutcome } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { ApplyIndicatorValuesService } from './apply-indicator-values.service';

@Controller()
export class IndicatorComputedConsumer {
  constructor(private readonly applyValues: ApplyIndicatorValuesService) {}

  @ConsumeEvents(TOPICS.indicatorValues)
  // Logged by the consumer with the slice's offsets and time.
  handle(events: ConsumedEventsOf<typeof TOPICS.indicatorValues>): Promise<SliceOutcome> {
    return this.applyValues.execute(events.map(({ event }) => ({ eventId: event.id, data: event.data })));
  }
}
