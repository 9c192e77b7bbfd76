import { Controller } from '@nestjs/common';

import { TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEvent } from '@dx/messaging';
import { ConsumeEvents } from '@dx/messaging/nest';

import { decodeIntakeMessage, IntakeMessage } from './intake.decoder';
import { IntakeObservationsService } from './intake-observations.service';

@Controller()
export class IntakeConsumer {
  constructor(private readonly intake: IntakeObservationsService) {}

  @ConsumeEvents(TOPICS.intake, decodeIntakeMessage)
  async handle(events: ConsumedEvent<IntakeMessage>[], context: BatchContext): Promise<void> {
    const started = Date.now();
    await this.intake.execute(events);
    context.logger.info({ received: events.length, firstOffset: events[0]?.message.offset, elapsedMs: Date.now() - started }, 'intake batch processed');
  }
}
