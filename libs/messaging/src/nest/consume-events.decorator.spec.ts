import { Catch, Controller, INestMicroservice, Module, RpcExceptionFilter } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Observable, throwError } from 'rxjs';
import { z } from 'zod';

import { decodeEvent, defineEventContract, encodeEvent, IndicatorComputedV1, IndicatorStatusChangedV1, ObservationRecordedV1, TOPICS } from '@dx/contracts';

import { fakeKafka } from '../../test/support/fake-kafka.util';
import { BatchContext, ConsumedEvent, MessageDecoder } from '../batch-consumer';
import { EventPublisher } from '../event-publisher';
import { SILENT_LOGGER } from '../logger.type';
import { ConsumedEventsOf } from '../topic-decoder.util';
import { ConsumeEvents } from './consume-events.decorator';
import { DxKafkaServer } from './dx-kafka.server';

// A topic that brings its own decoder, as agencies' intake does.
const NoteV1 = defineEventContract<{ text: string }>({
  type: 'test.note.v1',
  topic: TOPICS.intake,
  schema: z.object({ text: z.string() }),
  keyOf: (data) => data.text,
  subjectOf: (data) => data.text,
});
const decodeNote: MessageDecoder<{ text: string }> = (message) => decodeEvent(NoteV1, message.value);

const received: string[] = [];

@Controller()
class TypedConsumers {
  @ConsumeEvents(TOPICS.observations)
  async observations(events: ConsumedEventsOf<typeof TOPICS.observations>, context: BatchContext): Promise<void> {
    received.push(...events.map(({ event }) => `${context.topic}:${event.data.value}`));
  }

  @ConsumeEvents(TOPICS.intake, decodeNote)
  async notes(events: ConsumedEvent<{ text: string }>[], context: BatchContext): Promise<void> {
    received.push(...events.map(({ event }) => `${context.topic}:${event.data.text}`));
  }

  @ConsumeEvents(TOPICS.indicatorValues)
  async failing(): Promise<void> {
    throw Object.assign(new Error('no such unit'), { code: 'unknown_unit' });
  }
}

// Type-level checks: `typecheck` fails if the decorator stops tying a handler's payload to its topic.
export class WronglyTypedConsumers {
  // @ts-expect-error dx.observations.v1 carries observations, not indicator values
  @ConsumeEvents(TOPICS.observations)
  otherContract(_events: ConsumedEvent<IndicatorComputedV1>[]): Promise<void> {
    return Promise.resolve();
  }

  // @ts-expect-error dx.indicator-status.v1 also carries report.overdue.v1, which this handler would not expect
  @ConsumeEvents(TOPICS.indicatorStatus)
  partOfTheTopic(_events: ConsumedEvent<IndicatorStatusChangedV1>[]): Promise<void> {
    return Promise.resolve();
  }

  // @ts-expect-error the handler of a topic with its own decoder gets what that decoder yields
  @ConsumeEvents(TOPICS.intake, decodeNote)
  notTheDecoders(_events: ConsumedEvent<ObservationRecordedV1>[]): Promise<void> {
    return Promise.resolve();
  }
}

// An application-wide filter that would hide what went wrong, as Nest's default RPC filter does.
@Catch()
class ReplacingFilter implements RpcExceptionFilter {
  catch(): Observable<never> {
    return throwError(() => new Error('replaced'));
  }
}

@Module({ controllers: [TypedConsumers] })
class ConsumersModule {}

function message(topic: string, offset: number, encoded: { key: string; value: string }) {
  return { topic, offset: String(offset), key: Buffer.from(encoded.key), value: Buffer.from(encoded.value), headers: {} };
}

describe('@ConsumeEvents', () => {
  let app: INestMicroservice;
  const { kafka, eachBatch } = fakeKafka();
  const deadLettered: string[] = [];

  beforeAll(async () => {
    const deadLetters = {
      publish: async (event: { data: { source: { topic: string; offset: string }; reason: { code: string } } }) => {
        deadLettered.push(`${event.data.source.topic}:${event.data.source.offset}:${event.data.reason.code}`);
      },
    } as unknown as EventPublisher;
    app = await NestFactory.createMicroservice(ConsumersModule, {
      strategy: new DxKafkaServer({ kafka, groupId: 'dx-test', deadLetters, logger: SILENT_LOGGER, backoffMs: () => 0 }),
      logger: false,
    });
    app.useGlobalFilters(new ReplacingFilter());
    await app.listen();
  });

  afterAll(async () => {
    await app.close();
  });

  function deliver(topic: string, messages: ReturnType<typeof message>[]): Promise<void> {
    return eachBatch({
      batch: { topic, partition: 0, messages },
      resolveOffset: () => undefined,
      commitOffsetsIfNecessary: async () => undefined,
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    });
  }

  it('should hand a handler its batch decoded against the topic contracts, with the batch context', async () => {
    received.length = 0;
    const observation = encodeEvent(
      ObservationRecordedV1,
      {
        observationId: 'o1',
        agency: 'a',
        measure: 'households.total',
        unit: '31117',
        period: '2025-Q1',
        value: 42,
        revision: 1,
        recordedAt: '2025-04-01T00:00:00Z',
      },
      { source: '/test' },
    );
    const note = encodeEvent(NoteV1, { text: 'hello' }, { source: '/test' });

    await deliver(TOPICS.observations, [message(TOPICS.observations, 0, observation), message(TOPICS.observations, 1, note)]);

    expect(received).toEqual([`${TOPICS.observations}:42`]);
    expect(deadLettered).toEqual([`${TOPICS.observations}:1:unknown_type`]);
  });

  it('should hand the error of a handler to the failure policy as it was thrown, whatever filters the app has', async () => {
    deadLettered.length = 0;
    const value = encodeEvent(
      IndicatorComputedV1,
      {
        indicator: 'SOC-01',
        unit: '31117',
        period: '2025',
        value: 90,
        status: 'on_track',
        hierarchyVersion: '2024-11',
        coverage: { reported: 1, expected: 1 },
        computedAt: '2025-04-01T00:00:00Z',
      },
      { source: '/test' },
    );

    await deliver(TOPICS.indicatorValues, [message(TOPICS.indicatorValues, 7, value)]);

    expect(deadLettered).toEqual([`${TOPICS.indicatorValues}:7:unknown_unit`]);
  });

  it('should decode a topic with the decoder its handler names', async () => {
    received.length = 0;
    const note = encodeEvent(NoteV1, { text: 'hello' }, { source: '/test' });

    await deliver(TOPICS.intake, [message(TOPICS.intake, 0, note)]);

    expect(received).toEqual([`${TOPICS.intake}:hello`]);
  });
});
