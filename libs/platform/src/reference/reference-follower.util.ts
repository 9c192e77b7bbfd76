import { randomBytes } from 'node:crypto';

import { TopicEventData, TOPICS } from '@dx/contracts';
import { consumerGroupId, decoderForTopic, RawMessage, TopicFollower } from '@dx/messaging';

import { ServiceContext } from '../bootstrap/service-context';

/** What one dx.reference.v1 event carries: a hierarchy version, or an indicator's targets, whole. */
export type ReferencePublished = TopicEventData<typeof TOPICS.reference>;

/**
 * A follower of dx.reference.v1 for one instance of a service: its own group (every instance reads every
 * change; named under the service's ACL prefix), the topic's decoder, one log line per change. `apply`
 * returns the reasons a change was refused, if it checks it.
 */
export function referenceFollower(
  context: ServiceContext,
  apply: (data: ReferencePublished, message: RawMessage) => void | readonly { message: string }[] | Promise<void>,
): TopicFollower<ReferencePublished> {
  const prefix = context.config.KAFKA_TOPIC_PREFIX;
  const logger = context.logger.child({ topic: TOPICS.reference });
  return new TopicFollower({
    kafka: context.kafka,
    topic: prefix + TOPICS.reference,
    groupId: consumerGroupId(prefix, context.name, `reference-${context.instanceId}-${randomBytes(3).toString('hex')}`),
    decode: decoderForTopic(TOPICS.reference),
    apply: async ({ event, message }) => {
      const problems = (await apply(event.data, message)) ?? [];
      if (problems.length > 0)
        logger.error({ key: message.key, offset: message.offset, problems: problems.map((p) => p.message) }, 'reference data change refused');
      else logger.info({ key: message.key, offset: message.offset }, 'reference data changed');
    },
    logger,
  });
}
