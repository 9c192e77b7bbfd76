import type { Consumer, ConsumerGroupJoinEvent } from 'kafkajs';

export interface WaitForConsumerGroupJoinOptions {
  /** Default 30 000 ms. */
  timeoutMs?: number;
}

/**
 * Resolves with the GROUP_JOIN payload (member id, leader, assigned partitions) the next time `consumer`
 * joins its group. Call it before consumer.run() and await it before producing, so no message is
 * produced before the consumer's position is set (kafkajs testHelpers `waitForConsumerToJoinGroup`).
 */
export function waitForConsumerGroupJoin(
  consumer: Consumer,
  { timeoutMs = 30_000 }: WaitForConsumerGroupJoinOptions = {},
): Promise<ConsumerGroupJoinEvent['payload']> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      removeListener();
      reject(new Error(`consumer did not join its group within ${timeoutMs} ms`));
    }, timeoutMs);
    const removeListener = consumer.on(consumer.events.GROUP_JOIN, (event: ConsumerGroupJoinEvent) => {
      clearTimeout(timer);
      removeListener();
      resolve(event.payload);
    });
  });
}
