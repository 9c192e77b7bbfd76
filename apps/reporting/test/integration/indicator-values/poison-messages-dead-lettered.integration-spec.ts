import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';

import { decodeEvent, MessageDeadLetteredV1, TOPICS } from '@dx/contracts';
import { collectMessages, expectEventually, getTestInfra, MessageCollector, uniqueSuffix } from '@dx/testing';

import { aComputedValue, anAlert, anOverdueReport, ReportingFixture, startReportingFixture } from '../support/reporting-harness.util';
import { AlertFiredV1, IndicatorComputedV1, ReportOverdueV1, encodeEvent } from '@dx/contracts';

describe('Poison messages on the topics reporting consumes', () => {
  let reporting: ReportingFixture;
  let deadLetters: MessageCollector;

  beforeAll(async () => {
    reporting = await startReportingFixture('poison');
    deadLetters = await collectMessages(getTestInfra().kafkaBrokers, `${reporting.env.topicPrefix}${TOPICS.deadLetters}`);
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await reporting?.close();
  });

  it('should dead-letter a bad message on each topic and apply the messages behind it', async () => {
    const producer = new Kafka({ clientId: `poison-${uniqueSuffix(4)}`, brokers: getTestInfra().kafkaBrokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const badValue = JSON.parse(encodeEvent(IndicatorComputedV1, aComputedValue(), { source: '/test' }).value);
    badValue.data.value = 'ninety-two';
    try {
      // One key per topic, so the good message really is behind the poison one on its partition.
      await producer.send({
        topic: `${reporting.env.topicPrefix}${TOPICS.indicatorValues}`,
        messages: [{ key: 'SOC-01:31117', value: JSON.stringify(badValue) }],
      });
      await producer.send({
        topic: `${reporting.env.topicPrefix}${TOPICS.indicatorStatus}`,
        messages: [{ key: 'households.fibre:31117', value: '{"not": "json' }],
      });
      await producer.send({
        topic: `${reporting.env.topicPrefix}${TOPICS.alerts}`,
        messages: [
          {
            key: 'alert-9',
            value: JSON.stringify({
              specversion: '1.0',
              id: 'x',
              source: '/x',
              type: 'vn.cantho.dx.alert.exploded.v1',
              time: new Date().toISOString(),
              datacontenttype: 'application/json',
              data: {},
            }),
          },
        ],
      });
    } finally {
      await producer.disconnect();
    }
    await reporting.feed.values([aComputedValue({ value: 93 })]);
    await reporting.feed.publish([
      { contract: ReportOverdueV1, data: anOverdueReport() },
      { contract: AlertFiredV1, data: anAlert({ id: 'alert-9' }) },
    ]);

    await expectEventually(
      async () => {
        expect(deadLetters.messages).toHaveLength(3);
        const scorecard = await request(reporting.http).get('/v1/scorecard?unit=31117&period=2025-Q2');
        expect(scorecard.body.indicators.find((i: { code: string }) => i.code === 'SOC-01').value).toBe(93);
        expect((await request(reporting.http).get('/v1/overdue-reports')).body.reports).toHaveLength(1);
        expect((await request(reporting.http).get('/v1/alerts')).body.alerts).toHaveLength(1);
      },
      { timeoutMs: 30_000 },
    );
    const reasons = deadLetters.messages
      .map((m) => {
        const decoded = decodeEvent(MessageDeadLetteredV1, m.value);
        if (!decoded.ok) throw decoded.error;
        return [decoded.event.data.source.topic, decoded.event.data.reason.code, decoded.event.data.consumerGroup];
      })
      .sort();
    expect(reasons).toEqual(
      [
        [TOPICS.alerts, 'unknown_type', `${reporting.env.topicPrefix}dx-reporting`],
        [TOPICS.indicatorStatus, 'malformed_json', `${reporting.env.topicPrefix}dx-reporting`],
        [TOPICS.indicatorValues, 'invalid_payload', `${reporting.env.topicPrefix}dx-reporting`],
      ].sort(),
    );
  });
});
