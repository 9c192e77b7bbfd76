import { AlertAcknowledgedV1 } from './alert-acknowledged/alert-acknowledged.v1.schema';
import { AlertEscalatedV1 } from './alert-escalated/alert-escalated.v1.schema';
import { AlertFiredV1 } from './alert-fired/alert-fired.v1.schema';
import { AlertResolvedV1 } from './alert-resolved/alert-resolved.v1.schema';
import { EventContract, EventData } from './event-contract';
import { HierarchyChangedV1 } from './hierarchy-changed/hierarchy-changed.v1.schema';
import { IndicatorComputedV1 } from './indicator-computed/indicator-computed.v1.schema';
import { IndicatorStatusChangedV1 } from './indicator-status-changed/indicator-status-changed.v1.schema';
import { MessageDeadLetteredV1 } from './message-dead-lettered/message-dead-lettered.v1.schema';
import { ObservationRecordedV1 } from './observation-recorded/observation-recorded.v1.schema';
import { ObservationRejectedV1 } from './observation-rejected/observation-rejected.v1.schema';
import { ObservationSubmittedV1 } from './observation-submitted/observation-submitted.v1.schema';
import { ReportOverdueV1 } from './report-overdue/report-overdue.v1.schema';
import { TargetsChangedV1 } from './targets-changed/targets-changed.v1.schema';
import { TOPICS, TopicName } from './topics.constant';

/**
 * Which event types may travel on each topic: what a consumer of that topic decodes against. Kept as
 * literal tuples so that a topic's payload type (`TopicEventData`) follows from this table alone.
 */
export const CONTRACTS_BY_TOPIC = {
  [TOPICS.intake]: [ObservationSubmittedV1],
  [TOPICS.intakeDeadLetters]: [ObservationRejectedV1],
  [TOPICS.observations]: [ObservationRecordedV1],
  [TOPICS.indicatorValues]: [IndicatorComputedV1],
  [TOPICS.indicatorStatus]: [IndicatorStatusChangedV1, ReportOverdueV1],
  [TOPICS.alerts]: [AlertFiredV1, AlertAcknowledgedV1, AlertEscalatedV1, AlertResolvedV1],
  [TOPICS.reference]: [HierarchyChangedV1, TargetsChangedV1],
  [TOPICS.deadLetters]: [MessageDeadLetteredV1],
} as const satisfies Readonly<Record<TopicName, ReadonlyArray<EventContract<any>>>>;

/** The contracts allowed on topic `T`, as a union. */
export type TopicContract<T extends TopicName> = (typeof CONTRACTS_BY_TOPIC)[T][number];

/** What the `data` of an event on topic `T` may be: the union of its contracts' payloads. */
export type TopicEventData<T extends TopicName> = EventData<TopicContract<T>>;
