import { UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, MessageHandler, Payload } from '@nestjs/microservices';

import { TopicEventData, TopicName } from '@dx/contracts';

import { BatchContext, ConsumedEvent, MessageDecoder, SliceOutcome } from '../batch-consumer';
import { ConsumerErrorsFilter } from './consumer-errors.filter';

type EventsHandler<TData> = (events: ConsumedEvent<TData>[], context: BatchContext) => Promise<SliceOutcome | void>;
type EventsHandlerDecorator<TData> = <H extends EventsHandler<TData>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<H>) => void;

const DECODER = 'dxDecoder';

/**
 * Marks a method as the handler of one topic's batches: `(events, context)`, with `events` typed by the
 * topic's contracts (CONTRACTS_BY_TOPIC), so a handler that does not accept every event its topic carries
 * does not compile. What it returns of a slice (counts) is logged by the consumer. A topic that is not only our CloudEvents (agencies' intake) names its own decoder, and
 * the handler is typed by what that decoder yields. Its errors reach the consumer's failure policy untouched
 * (ConsumerErrorsFilter).
 */
export function ConsumeEvents<T extends TopicName>(topic: T): EventsHandlerDecorator<TopicEventData<T>>;
export function ConsumeEvents<TData>(topic: TopicName, decode: MessageDecoder<TData>): EventsHandlerDecorator<TData>;
export function ConsumeEvents(topic: TopicName, decode?: MessageDecoder<unknown>): EventsHandlerDecorator<unknown> {
  return (target, key, descriptor) => {
    EventPattern(topic, { [DECODER]: decode })(target, key, descriptor);
    UseFilters(new ConsumerErrorsFilter())(target, key, descriptor);
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
  };
}

/** The decoder a `@ConsumeEvents` handler named, if any. */
export function handlerDecoder(handler: MessageHandler | undefined): MessageDecoder | undefined {
  return handler?.extras?.[DECODER];
}
