import { AlertAcknowledgedV1, AlertEscalatedV1, AlertFiredV1, AlertResolvedV1 } from './alert/alert.v1.schema';
import { EventContract } from './event-contract';
import { IndicatorComputedV1 } from './indicator-computed/indicator-computed.v1.schema';
import { IndicatorStatusChangedV1, ReportOverdueV1 } from './indicator-status/indicator-status.v1.schema';
import { MessageDeadLetteredV1 } from './message-dead-lettered/message-dead-lettered.v1.schema';
import { ObservationRecordedV1 } from './observation-recorded/observation-recorded.v1.schema';
import { ObservationRejectedV1 } from './observation-rejected/observation-rejected.v1.schema';
import { ObservationSubmittedV1 } from './observation-submitted/observation-submitted.v1.schema';
import { TOPICS, TopicName } from './topics.constant';

/** Which event types may travel on each topic: what a consumer of that topic decodes against. */
export const CONTRACTS_BY_TOPIC: Readonly<Record<TopicName, ReadonlyArray<EventContract<any>>>> = {
  [TOPICS.intake]: [ObservationSubmittedV1],
  [TOPICS.intakeDeadLetters]: [ObservationRejectedV1],
  [TOPICS.observations]: [ObservationRecordedV1],
  [TOPICS.indicatorValues]: [IndicatorComputedV1],
  [TOPICS.indicatorStatus]: [IndicatorStatusChangedV1, ReportOverdueV1],
  [TOPICS.alerts]: [AlertFiredV1, AlertAcknowledgedV1, AlertEscalatedV1, AlertResolvedV1],
  [TOPICS.deadLetters]: [MessageDeadLetteredV1],
};
