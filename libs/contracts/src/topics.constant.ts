// WARNING: DO NOT RENAME. Topic names are persisted in the broker and in other teams' consumers.
// A breaking change to a payload is a new topic version (.v2), never an edit of a .v1 name.
export const TOPICS = {
  intake: 'dx.intake.v1',
  intakeDeadLetters: 'dx.intake.dlq.v1',
  observations: 'dx.observations.v1',
  indicatorValues: 'dx.indicator-values.v1',
  indicatorStatus: 'dx.indicator-status.v1',
  alerts: 'dx.alerts.v1',
  // Compacted: the latest hierarchy version per `hierarchy:<version>` and targets per `targets:<indicator>`.
  reference: 'dx.reference.v1',
  // Internal: messages that an internal consumer could not parse or process N times (ADR 0003).
  deadLetters: 'dx.dead-letters.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

// The observation log is the platform's source of truth (computation rebuilds from its start), and the
// derived topics let read models rebuild too: kept forever. Dead letters are for operators: 30 days.
const FOREVER = [{ name: 'retention.ms', value: '-1' }];
// Reference data is state, not history: compaction keeps the latest message per key forever, so a service
// that reads the topic from the start finds the reference data as it is now (ADR reference data at run time).
const COMPACTED = [
  { name: 'cleanup.policy', value: 'compact' },
  { name: 'retention.ms', value: '-1' },
];
const THIRTY_DAYS = [{ name: 'retention.ms', value: String(30 * 24 * 3600 * 1000) }];

/** Every topic the platform owns, with the partition count and settings it is created with. */
export const TOPIC_DEFINITIONS: ReadonlyArray<{ topic: TopicName; numPartitions: number; configEntries: ReadonlyArray<{ name: string; value: string }> }> = [
  { topic: TOPICS.intake, numPartitions: 6, configEntries: THIRTY_DAYS },
  { topic: TOPICS.intakeDeadLetters, numPartitions: 1, configEntries: THIRTY_DAYS },
  { topic: TOPICS.observations, numPartitions: 6, configEntries: FOREVER },
  { topic: TOPICS.indicatorValues, numPartitions: 6, configEntries: FOREVER },
  { topic: TOPICS.indicatorStatus, numPartitions: 3, configEntries: FOREVER },
  { topic: TOPICS.alerts, numPartitions: 3, configEntries: FOREVER },
  // One partition: every reader sees the changes in the order the administrators made them.
  { topic: TOPICS.reference, numPartitions: 1, configEntries: COMPACTED },
  { topic: TOPICS.deadLetters, numPartitions: 1, configEntries: THIRTY_DAYS },
];
