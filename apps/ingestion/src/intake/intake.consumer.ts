import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';

import { TOPICS } from '@dx/contracts';
import { BatchContext, ConsumedEvent } from '@dx/messaging';

import { IntakeMessage } from './intake.decoder';
import { IntakeObservationsService } from './intake-observations.service';

@Controller()
export class IntakeConsumer {
  constructor(private readonly intake: IntakeObservationsService) {}

  @EventPattern(TOPICS.intake)
  async handle(@Payload() events: ConsumedEvent<IntakeMessage>[], @Ctx() context: BatchContext): Promise<void> {
    const started = Date.now();
    await this.intake.execute(events);
    context.logger.info({ received: events.length, firstOffset: events[0]?.message.offset, elapsedMs: Date.now() - started }, 'intake batch processed');
  }
}
