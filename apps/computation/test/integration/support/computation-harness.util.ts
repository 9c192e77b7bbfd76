import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

import { decodeEvent, IndicatorComputedV1, IndicatorStatusChangedV1, ObservationRecordedV1, ReportOverdueV1, TOPICS } from '@dx/contracts';
import { IndicatorValue } from '@dx/domain';
import { EventPublisher } from '@dx/messaging';
import { CollectedMessage, expectEventually, getTestInfra, uniqueSuffix } from '@dx/testing';

// Test DSL for the computation service: observations as ingestion publishes them, and reads of the
// service's own tables and output topics.

export const BROKERS = getTestInfra().kafkaBrokers;

/** An observation as ingestion records it; `id` is the event id ingestion uses (`observationId:revision`). */
export interface ScriptedObservation {
  id: string;
  data: ObservationRecordedV1;
}

export function anObservation(overrides: Partial<ObservationRecordedV1> = {}): ScriptedObservation {
  const data: ObservationRecordedV1 = {
    observationId: `obs-${uniqueSuffix()}`,
    agency: 'test-agency',
    measure: 'households.total',
    unit: '31117',
    period: '2025-Q2',
    value: 1,
    revision: 1,
    recordedAt: new Date().toISOString(),
    ...overrides,
  };
  return { id: `${data.observationId}:${data.revision}`, data };
}

/** The same observation, revised to `value` as revision `revision`. */
export function revised(observation: ScriptedObservation, value: number, revision: number): ScriptedObservation {
  const data = { ...observation.data, value, revision, previousValue: observation.data.value };
  return { id: `${data.observationId}:${revision}`, data };
}

/** Publishes observations to the (prefixed) observations topic the way ingestion does. */
export class ObservationFeed {
  private readonly publisher: EventPublisher;

  constructor(prefix: string) {
    const kafka = new Kafka({ clientId: `test-feed-${uniqueSuffix(4)}`, brokers: BROKERS, logLevel: logLevel.NOTHING });
    this.publisher = new EventPublisher(kafka, '/test/ingestion', prefix);
  }

  async publish(observations: readonly ScriptedObservation[]): Promise<void> {
    await this.publisher.publishMany(observations.map((o) => ({ contract: ObservationRecordedV1, data: o.data, id: o.id })));
  }

  async close(): Promise<void> {
    await this.publisher.disconnect();
  }
}

/** Reads of the computation schema. */
export class ComputationDatabase {
  readonly client: Client;

  constructor(url: string) {
    this.client = new Client({ connectionString: url });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  async isProcessed(eventId: string): Promise<boolean> {
    const { rowCount } = await this.client.query('SELECT 1 FROM computation.processed_event WHERE event_id = $1', [eventId]);
    return (rowCount ?? 0) > 0;
  }

  async processedCount(): Promise<number> {
    return (await this.client.query('SELECT count(*)::int AS n FROM computation.processed_event')).rows[0].n;
  }

  async outboxCount(): Promise<number> {
    return (await this.client.query('SELECT count(*)::int AS n FROM computation.outbox_event')).rows[0].n;
  }

  async value(indicator: string, unit: string, period: string): Promise<IndicatorValue | undefined> {
    const { rows } = await this.client.query('SELECT payload FROM computation.indicator_value WHERE indicator = $1 AND unit = $2 AND period = $3', [
      indicator,
      unit,
      period,
    ]);
    return rows[0]?.payload;
  }

  /** Every stored value, keyed `indicator|unit|period`. */
  async values(): Promise<Map<string, IndicatorValue>> {
    const { rows } = await this.client.query('SELECT indicator, unit, period, payload FROM computation.indicator_value');
    return new Map(rows.map((r) => [`${r.indicator}|${r.unit}|${r.period}`, r.payload as IndicatorValue]));
  }
}

/** Publishes each observation and waits until the service has applied it, so the scenario's order is exact. */
export async function applyOneByOne(feed: ObservationFeed, db: ComputationDatabase, observations: readonly ScriptedObservation[]): Promise<void> {
  for (const observation of observations) {
    await feed.publish([observation]);
    await expectEventually(async () => expect(await db.isProcessed(observation.id)).toBe(true), { timeoutMs: 30_000, intervalMs: 50 });
  }
}

export function decodeValues(messages: readonly CollectedMessage[]): IndicatorComputedV1[] {
  return messages.map((m) => {
    const decoded = decodeEvent(IndicatorComputedV1, m.value);
    if (!decoded.ok) throw decoded.error;
    return decoded.event.data;
  });
}

export interface DecodedStatusEvent {
  id: string;
  data: IndicatorStatusChangedV1 | ReportOverdueV1;
}

export function decodeStatusEvents(messages: readonly CollectedMessage[]): DecodedStatusEvent[] {
  return messages.map((m) => {
    const decoded = decodeEvent([IndicatorStatusChangedV1, ReportOverdueV1], m.value);
    if (!decoded.ok) throw decoded.error;
    return { id: decoded.event.id, data: decoded.event.data };
  });
}

/** A value message without its timestamp, comparable with a stored value. */
export function withoutComputedAt(message: IndicatorComputedV1): IndicatorValue {
  const { computedAt: _computedAt, ...value } = message;
  return value as IndicatorValue;
}

export const OUTPUT_TOPICS = {
  observations: TOPICS.observations,
  values: TOPICS.indicatorValues,
  status: TOPICS.indicatorStatus,
  deadLetters: TOPICS.deadLetters,
} as const;
