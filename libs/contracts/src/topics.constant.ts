// WARNING: DO NOT RENAME. Topic names are persisted in the broker and in other teams' consumers.
// A breaking change to a payload is a new topic version (.v2), never an edit of a .v1 name.
export const TOPICS = {
  intake: 'dx.intake.v1',
  intakeDeadLetters: 'dx.intake.dlq.v1',
  observations: 'dx.observations.v1',
  indicatorValues: 'dx.indicator-values.v1',
  indicatorStatus: 'dx.indicator-status.v1',
  alerts: 'dx.alerts.v1',
  // Internal: messages that an internal consumer could not parse or process N times (ADR 0003).
  deadLetters: 'dx.dead-letters.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Every topic the platform owns, with the partition count it is created with. */
export const TOPIC_DEFINITIONS: ReadonlyArray<{ topic: TopicName; numPartitions: number }> = [
  { topic: TOPICS.intake, numPartitions: 6 },
  { topic: TOPICS.intakeDeadLetters, numPartitions: 1 },
  { topic: TOPICS.observations, numPartitions: 6 },
  { topic: TOPICS.indicatorValues, numPartitions: 6 },
  { topic: TOPICS.indicatorStatus, numPartitions: 3 },
  { topic: TOPICS.alerts, numPartitions: 3 },
  { topic: TOPICS.deadLetters, numPartitions: 1 },
];
