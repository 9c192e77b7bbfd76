import { Kafka, logLevel } from 'kafkajs';

import { AGENCY_HEADER, decodeEvent, encodeEvent, ObservationRecordedV1, ObservationRejectedV1, ObservationSubmittedV1, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, MessageCollector } from '@dx/testing';

import { IngestionTestApp, startIngestion } from '../ingestion-test-app';

describe("Kafka intake from agencies' own systems", () => {
  let app: IngestionTestApp;
  let recorded: MessageCollector;
  let rejected: MessageCollector;
  let agency: string;

  beforeAll(async () => {
    app = await startIngestion();
    ({ code: agency } = await app.createAgency({ measures: ['households.*'], units: ['916'] }));
    recorded = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.observations}`);
    rejected = await collectMessages(app.brokers, `${app.topicPrefix}${TOPICS.intakeDeadLetters}`);
  });

  afterAll(async () => {
    await recorded?.stop();
    await rejected?.stop();
    await app?.close();
  });

  it('should record valid observations and send every reject to dx.intake.dlq.v1 with its reason and the original bytes', async () => {
    const producer = new Kafka({ clientId: 'intake-test', brokers: app.brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const headers = { [AGENCY_HEADER]: agency };
    const enveloped = encodeEvent(ObservationSubmittedV1, { measure: 'households.fibre', unit: '31120', period: '2025-Q1', value: 300 }, { source: '/agency' });
    try {
      await producer.send({
        topic: `${app.topicPrefix}${TOPICS.intake}`,
        messages: [
          { key: '31117', headers, value: JSON.stringify({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 500 }) },
          { key: '31117', headers, value: JSON.stringify({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: -5 }) },
          { key: '31120', headers: { ...headers, ...enveloped.headers }, value: enveloped.value },
          { key: '31153', headers, value: JSON.stringify({ measure: 'households.total', unit: '31153', period: '2025-Q1', value: 5 }) },
          { key: 'x', headers, value: 'not json at all' },
          {
            key: '31117',
            headers: { [AGENCY_HEADER]: 'nobody' },
            value: JSON.stringify({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1 }),
          },
          { key: '31117', value: JSON.stringify({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1 }) },
        ],
      });
    } finally {
      await producer.disconnect();
    }

    await expectEventually(
      () => {
        expect(recorded.messages).toHaveLength(2);
        expect(rejected.messages).toHaveLength(5);
      },
      { timeoutMs: 30_000 },
    );

    const values = recorded.messages.map((m) => {
      const decoded = decodeEvent(ObservationRecordedV1, m.value);
      if (!decoded.ok) throw decoded.error;
      return [decoded.event.data.unit, decoded.event.data.value, decoded.event.data.agency];
    });
    expect(values.sort()).toEqual([
      ['31117', 500, agency],
      ['31120', 300, agency],
    ]);

    const reasons = rejected.messages.map((m) => {
      const decoded = decodeEvent(ObservationRejectedV1, m.value);
      if (!decoded.ok) throw decoded.error;
      return decoded.event.data;
    });
    expect(reasons.map((r) => r.reason.code).sort()).toEqual(['invalid_value', 'malformed_json', 'out_of_scope', 'out_of_scope', 'out_of_scope']);
    const malformed = reasons.find((r) => r.reason.code === 'malformed_json');
    expect(Buffer.from(malformed?.source.valueBase64 ?? '', 'base64').toString()).toBe('not json at all');
    expect(malformed?.source).toMatchObject({ topic: TOPICS.intake, key: 'x', headers: { [AGENCY_HEADER]: agency } });
  });
});
