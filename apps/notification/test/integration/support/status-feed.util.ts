import { Producer } from 'kafkajs';

import { encodeEvent, IndicatorStatusChangedV1, ProducedIndicatorStatusChangedV1, ProducedReportOverdueV1, ReportOverdueV1, TOPICS } from '@dx/contracts';
import { createTestKafka, uniqueSuffix } from '@dx/testing';

type StatusData = ProducedIndicatorStatusChangedV1 | ProducedReportOverdueV1;

// Ward 31120 (Phường Cái Khế) of the two-level version: its parent is the city, 92.
const WARD = { unit: '31120', hierarchyVersion: '2025-07', period: '2025-Q3' };

/** A status slip of SOC-01 (off track: critical) at a ward of the 2025 version. */
export function aSlip(overrides: Partial<Extract<ProducedIndicatorStatusChangedV1, { kind: 'status_slip' }>> = {}): ProducedIndicatorStatusChangedV1 {
  return {
    kind: 'status_slip',
    indicator: 'SOC-01',
    ...WARD,
    status: 'off_track',
    previousStatus: 'on_track',
    value: 61.5,
    expected: 88,
    severity: 'critical',
    detectedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** The recovery of `aSlip`'s alert. */
export function aRecovery(overrides: Partial<Extract<ProducedIndicatorStatusChangedV1, { kind: 'status_recovered' }>> = {}): ProducedIndicatorStatusChangedV1 {
  return {
    kind: 'status_recovered',
    indicator: 'SOC-01',
    ...WARD,
    status: 'on_track',
    previousStatus: 'off_track',
    value: 91,
    expected: 88,
    severity: 'info',
    detectedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** An overdue report of `work_records.total` (monthly, levels 1–3) at the ward. */
export function anOverdue(overrides: Partial<Extract<ProducedReportOverdueV1, { kind: 'overdue' }>> = {}): ProducedReportOverdueV1 {
  return {
    kind: 'overdue',
    measure: 'work_records.total',
    unit: WARD.unit,
    hierarchyVersion: WARD.hierarchyVersion,
    period: '2025-08',
    dueDate: '2025-09-10',
    severity: 'warning',
    detectedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** The clearance of an overdue report. */
export function anOverdueCleared(overrides: Partial<Extract<ProducedReportOverdueV1, { kind: 'overdue_cleared' }>> = {}): ProducedReportOverdueV1 {
  return { ...anOverdue(), kind: 'overdue_cleared', detectedAt: new Date().toISOString(), ...overrides } as ProducedReportOverdueV1;
}

/** Publishes status events on the service's input topic as computation would (CloudEvents, keyed). */
export class StatusFeed {
  private readonly producer: Producer;

  private constructor(
    producer: Producer,
    private readonly topic: string,
  ) {
    this.producer = producer;
  }

  static async connect(brokers: string[], topicPrefix: string): Promise<StatusFeed> {
    const producer = createTestKafka({ brokers }).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    return new StatusFeed(producer, `${topicPrefix}${TOPICS.indicatorStatus}`);
  }

  /** Publishes the events (an `id` makes a re-delivery of the same event); returns their ids. */
  async publish(...events: Array<StatusData | { data: StatusData; id: string }>): Promise<string[]> {
    const ids: string[] = [];
    const messages = events.map((e) => {
      const { data, id } = 'data' in e ? e : { data: e, id: `status-${uniqueSuffix()}` };
      ids.push(id);
      const options = { source: '/dx/computation', id };
      const encoded =
        data.kind === 'overdue' || data.kind === 'overdue_cleared'
          ? encodeEvent(ReportOverdueV1, data, options)
          : encodeEvent(IndicatorStatusChangedV1, data, options);
      return { key: encoded.key, value: encoded.value, headers: encoded.headers };
    });
    await this.producer.send({ topic: this.topic, acks: -1, messages });
    return ids;
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
