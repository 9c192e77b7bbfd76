import { AGENCY_HEADER, decodeEvent, encodeEvent, ObservationRecordedV1, ObservationSubmittedV1, TOPICS } from '@dx/contracts';
import { expectEventually } from '@dx/testing';

import { KafkaIntake, startKafkaIntake } from '../support/kafka-intake.util';

describe("Kafka intake from agencies' own systems", () => {
  let intake: KafkaIntake;

  beforeAll(async () => {
    intake = await startKafkaIntake();
  });

  afterAll(async () => {
    await intake?.close();
  });

  it('should record valid observations and send every reject to dx.intake.dlq.v1 with its reason and the original bytes', async () => {
    const { agency, recorded, rejected } = intake;
    const headers = { [AGENCY_HEADER]: agency };
    const enveloped = encodeEvent(ObservationSubmittedV1, { measure: 'households.fibre', unit: '31120', period: '2025-Q1', value: 300 }, { source: '/agency' });
    await intake.send([
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
    ]);

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

    const reasons = intake.rejections();
    expect(reasons.map((r) => r.reason.code).sort()).toEqual(['invalid_value', 'malformed_json', 'out_of_scope', 'out_of_scope', 'out_of_scope']);
    const malformed = reasons.find((r) => r.reason.code === 'malformed_json');
    expect(Buffer.from(malformed?.source.valueBase64 ?? '', 'base64').toString()).toBe('not json at all');
    expect(malformed?.source).toMatchObject({ topic: TOPICS.intake, key: 'x', headers: { [AGENCY_HEADER]: agency } });
  });
});
