import { CONTRACTS_BY_TOPIC, decodeEvent, TopicContract, TopicEventData, TopicName } from '@dx/contracts';

import { BatchHandler, ConsumedEvent, MessageDecoder, TopicSubscription } from './batch-consumer';

/** What a handler of topic `T` receives: the events of a batch, typed by the topic's contracts. */
export type ConsumedEventsOf<T extends TopicName> = ConsumedEvent<TopicEventData<T>>[];

/** Decodes a message of one of our topics against the contracts allowed on it (CONTRACTS_BY_TOPIC). */
export function decoderForTopic<T extends TopicName>(topic: T): MessageDecoder<TopicEventData<T>> {
  const contracts: ReadonlyArray<TopicContract<T>> = CONTRACTS_BY_TOPIC[topic];
  // Topic names also come from Nest handler patterns, which the compiler cannot check.
  if (!contracts) throw new Error(`no contract is registered for topic ${topic}`);
  return (message) => decodeEvent<TopicContract<T>>(contracts, message.value);
}

/** A subscription to one of our topics whose handler gets the events typed by the topic's contracts. */
export function topicSubscription<T extends TopicName>(topic: T, handle: BatchHandler<TopicEventData<T>>): TopicSubscription<TopicEventData<T>> {
  return { topic, decode: decoderForTopic(topic), handle };
}
