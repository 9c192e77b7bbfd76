import { Kafka, logLevel, Message } from 'kafkajs';

import { decodeEvent, ObservationRejectedV1, TOPICS } from '@dx/contracts';
import { collectMessages, MessageCollector, uniqueSuffix } from '@dx/testing';

import { IngestionTestApp, startIngestion } from '../ingestion-test-app';

/** Ingestion as an agency's own system meets it on Kafka: what it records and what it rejects to dx.intake.dlq.v1. */
export interface KafkaIntake {
  readonly app: IngestionTestApp;
  /** Code of an agency allowed `households.*` for Quận Ninh Kiều (916). */
  readonly agency: string;
  readonly recorded: MessageCollector;
  readonly rejected: MessageCollector;
  /** Sends each batch to the intake topic in one request, in order (one request each when together they would be too large). */
  send(...batches: Message[][]): Promise<void>;
  /** The rejections collected so far, decoded. */
  rejections(): ObservationRejectedV1[];
  close(): Promise<void>;
}

export async function startKafkaIntake(): Promise<KafkaIntake> {
  const app = await startIngestion();
  const { code: agency } = await app.createAgency({ measures: ['households.*'], units: ['916'] });
  const recorded = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.observations}`);
  const rejected = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.intakeDeadLetters}`);
  return {
    app,
    agency,
    recorded,
    rejected,
    send: async (...batches) => {
      const producer = new Kafka({ clientId: `intake-test-${uniqueSuffix(4)}`, brokers: app.brokers, logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      try {
        for (const messages of batches) await producer.send({ topic: `${app.topicPrefix}${TOPICS.intake}`, messages });
      } finally {
        await producer.disconnect();
      }
    },
    rejections: () =>
      rejected.messages.map((m) => {
        const decoded = decodeEvent(ObservationRejectedV1, m.value);
        if (!decoded.ok) throw decoded.error;
        return decoded.event.data;
      }),
    close: async () => {
      await recorded.stop();
      await rejected.stop();
      await app.close();
    },
  };
}
