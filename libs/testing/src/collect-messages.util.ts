import type { IHeaders, KafkaMessage } from 'kafkajs';
import { createTestKafka } from './create-test-kafka.util';
import { uniqueSuffix } from './unique-suffix.util';
import { waitForConsumerGroupJoin } from './wait-for-consumer-group-join.util';

export interface CollectedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** UTF-8 value; parse JSON with JSON.parse(message.value!). */
  value: string | null;
  headers: Record<string, string | undefined>;
  timestamp: string;
}

export interface MessageCollector {
  /** Messages received so far, in arrival order (grows while the collector runs). */
  readonly messages: CollectedMessage[];
  readonly groupId: string;
  /** Disconnects the consumer and deletes its group when the collector made it (best effort). */
  stop(): Promise<void>;
}

export interface CollectMessagesOptions {
  /** Default true: read what is already in the topic as well. */
  fromBeginning?: boolean;
  /** Default: a fresh `test-collector-<random>` group. */
  groupId?: string;
  /** Deadline for joining the group (default 30 000 ms). */
  timeoutMs?: number;
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string | undefined> {
  const decoded: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    decoded[name] = first === undefined ? undefined : first.toString();
  }
  return decoded;
}

function toCollected(topic: string, partition: number, message: KafkaMessage): CollectedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    value: message.value ? message.value.toString() : null,
    headers: decodeHeaders(message.headers),
    timestamp: message.timestamp,
  };
}

/**
 * Subscribes a fresh consumer group to `topic` and resolves once it has joined, so everything produced
 * afterwards is collected. Assert with expectEventually(() => expect(collector.messages).toHaveLength(n)).
 */
export async function collectMessages(
  brokers: string | string[],
  topic: string,
  { fromBeginning = true, groupId, timeoutMs = 30_000 }: CollectMessagesOptions = {},
): Promise<MessageCollector> {
  const kafka = createTestKafka({ brokers });
  const ownGroup = groupId === undefined;
  const group = groupId ?? `test-collector-${uniqueSuffix()}`;
  const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 250 });
  const messages: CollectedMessage[] = [];
  const joined = waitForConsumerGroupJoin(consumer, { timeoutMs });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning });
    await consumer.run({
      eachMessage: async ({ topic: from, partition, message }) => {
        messages.push(toCollected(from, partition, message));
      },
    });
    await joined;
  } catch (error) {
    joined.catch(() => undefined);
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }
  const stop = async () => {
    await consumer.disconnect();
    if (!ownGroup) return;
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
  };
  return { messages, groupId: group, stop };
}
