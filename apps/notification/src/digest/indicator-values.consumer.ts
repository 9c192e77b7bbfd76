import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';

import { TOPICS } from '@dx/contracts';
import { BatchConsumer, consumerGroupId, EventPublisher, topicSubscription } from '@dx/messaging';
import { APP_CONFIG, APP_LOGGER, AppLogger, KAFKA_CLIENT } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';
import { RecordIndicatorValuesService } from './record-indicator-values.service';

/**
 * Consumes `dx.indicator-values.v1` for the weekly digest in a consumer group of its own: the values are
 * many and never urgent, and in the service's main group they would queue ahead of status changes,
 * whose alerts must go out within milliseconds (style C10, hot topics in their own group). Same failure
 * policy as every consumer (ADR 0003).
 */
@Injectable()
export class IndicatorValuesConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: BatchConsumer;

  constructor(
    recordValues: RecordIndicatorValuesService,
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    publisher: EventPublisher,
    @Inject(APP_CONFIG) config: NotificationConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    this.consumer = new BatchConsumer(kafka, {
      groupId: consumerGroupId(config.KAFKA_TOPIC_PREFIX, 'notification', 'digest'),
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      deadLetters: publisher,
      logger,
      subscriptions: [
        topicSubscription(TOPICS.indicatorValues, async (events) => {
          await recordValues.execute(events.map(({ event }) => event.data));
        }),
      ],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
