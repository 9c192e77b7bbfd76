import { z } from 'zod';

import { TopicName } from './topics.constant';

/**
 * A versioned event: its CloudEvents `type`, the topic it travels on, the schema of `data`, and its key.
 * `TData` is what a producer must send; `TDecoded` what a consumer may receive, wider when a field became
 * required after events without it were stored on the topic (strict on produce, lenient on decode: ADR 0018).
 */
export interface EventContract<TData, TDecoded = TData> {
  readonly type: string;
  readonly topic: TopicName;
  /** What a producer must send: encoding refuses anything else. */
  readonly schema: z.ZodType<TData>;
  /** What a consumer accepts, when wider than `schema`; absent, consumers decode with `schema`. */
  readonly decodeSchema?: z.ZodType<TDecoded>;
  // keyOf and subjectOf are methods, so a contract reads as covariant in its payload: a decoded event of a
  // topic stays assignable to the wider type of what a decoder yields, and TypeScript can infer it.
  /** The Kafka key: the ordering unit of the topic (a unit code, `indicator:unit`, an alert id). */
  keyOf(data: TDecoded): string;
  /** CloudEvents `subject`: what the event is about, for routing without parsing `data`. */
  subjectOf(data: TDecoded): string;
}

export function defineEventContract<TData, TDecoded = TData>(contract: EventContract<TData, TDecoded>): EventContract<TData, TDecoded> {
  return Object.freeze(contract);
}

/** What a consumer of contract `C` receives (old records included). */
export type EventData<C> = C extends EventContract<any, infer D> ? D : never;

/** What a producer of contract `C` must send. */
export type ProducedEventData<C> = C extends EventContract<infer T, any> ? T : never;
