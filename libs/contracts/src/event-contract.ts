import { z } from 'zod';

import { TopicName } from './topics.constant';

/** A versioned event: its CloudEvents `type`, the topic it travels on, the schema of `data`, and its key. */
export interface EventContract<TData> {
  readonly type: string;
  readonly topic: TopicName;
  readonly schema: z.ZodType<TData>;
  // keyOf and subjectOf are methods, so a contract reads as covariant in its payload: a decoded event of a
  // topic stays assignable to the wider type of what a decoder yields, and TypeScript can infer it.
  /** The Kafka key: the ordering unit of the topic (a unit code, `indicator:unit`, an alert id). */
  keyOf(data: TData): string;
  /** CloudEvents `subject`: what the event is about, for routing without parsing `data`. */
  subjectOf(data: TData): string;
}

export function defineEventContract<TData>(contract: EventContract<TData>): EventContract<TData> {
  return Object.freeze(contract);
}

export type EventData<C> = C extends EventContract<infer T> ? T : never;
