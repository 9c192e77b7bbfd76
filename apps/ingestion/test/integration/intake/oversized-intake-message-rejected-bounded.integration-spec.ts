import { createHash } from 'node:crypto';

import { AGENCY_HEADER, decodeEvent, ObservationRecordedV1 } from '@dx/contracts';
import { expectEventually } from '@dx/testing';

import { KafkaIntake, startKafkaIntake } from '../support/kafka-intake.util';

// A rejection carries the rejected message: one near the broker's limit, or one whose type is huge,
// must still give a rejection that fits in a Kafka message, and the intake goes on behind it.
describe('Kafka intake and oversized messages', () => {
  let intake: KafkaIntake;

  beforeAll(async () => {
    intake = await startKafkaIntake();
  });

  afterAll(async () => {
    await intake?.close();
  });

  it('should reject an oversized message with its first 64 KiB, size and SHA-256, cut a huge reason, and record what follows', async () => {
    const oversized = Buffer.from(
      JSON.stringify({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 1, note: 'x'.repeat(900_000) }).replace(
        '"value":1',
        '"value":"one"',
      ),
    );
    const hugeType = JSON.stringify({
      specversion: '1.0',
      id: 'agency-event-1',
      source: '/agency',
      type: `vn.cantho.${'t'.repeat(300_000)}`,
      time: '2025-04-01T00:00:00Z',
      datacontenttype: 'application/json',
      data: {},
    });
    const { agency, recorded, rejected } = intake;
    const headers = { [AGENCY_HEADER]: agency };
    // One key, so one partition: the valid observation really is behind the two rejects. One send each,
    // as together they would exceed the broker's limit.
    await intake.send(
      [{ key: '31117', headers, value: oversized }],
      [{ key: '31117', headers, value: hugeType }],
      [{ key: '31117', headers, value: JSON.stringify({ measure: 'households.total', unit: '31117', period: '2025-Q1', value: 500 }) }],
    );

    await expectEventually(
      () => {
        expect(recorded.messages).toHaveLength(1);
        expect(rejected.messages).toHaveLength(2);
      },
      { timeoutMs: 30_000 },
    );

    const recordedValue = decodeEvent(ObservationRecordedV1, recorded.messages[0].value);
    expect(recordedValue.ok && recordedValue.event.data.value).toBe(500);
    for (const m of rejected.messages) expect(Buffer.byteLength(m.value ?? '')).toBeLessThan(256 * 1024);
    const rejections = intake.rejections();
    const [tooLarge, unknownType] = [...rejections].sort((a, b) => Number(a.source.offset) - Number(b.source.offset));
    expect(tooLarge.reason.code).toBe('invalid_value');
    expect(Buffer.from(tooLarge.source.valueBase64 ?? '', 'base64')).toEqual(oversized.subarray(0, 64 * 1024));
    expect(tooLarge.source.valueBytes).toBe(oversized.length);
    expect(tooLarge.source.valueSha256).toBe(createHash('sha256').update(oversized).digest('hex'));
    expect(unknownType.reason.code).toBe('unknown_type');
    expect(unknownType.reason.message.length).toBeLessThanOrEqual(1_000);
    expect(unknownType.source.valueBytes).toBe(Buffer.byteLength(hugeType));
  });
});
