import { Kafka } from 'kafkajs';

type EachBatch = (payload: unknown) => Promise<void>;

export interface FakeKafka {
  kafka: Kafka;
  /** Runs one fetched batch through the running consumer, as kafkajs' runner would. */
  eachBatch: EachBatch;
}

/** A kafkajs client whose consumer only keeps its `eachBatch` handler, to play the broker's answers exactly. */
export function fakeKafka(): FakeKafka {
  let running: EachBatch | undefined;
  const kafka = {
    consumer: () => ({
      connect: async () => undefined,
      subscribe: async () => undefined,
      run: async (options: { eachBatch: EachBatch }) => {
        running = options.eachBatch;
      },
      disconnect: async () => undefined,
    }),
  } as unknown as Kafka;
  return {
    kafka,
    eachBatch: (payload) => {
      if (!running) throw new Error('the consumer is not running');
      return running(payload);
    },
  };
}
