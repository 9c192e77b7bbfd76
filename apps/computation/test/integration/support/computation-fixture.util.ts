import { Kafka, logLevel } from 'kafkajs';

import { HierarchyDefinition, HierarchyRegistry, TWO_LEVEL_VERSION_ID } from '@dx/domain';
import { EventPublisher } from '@dx/messaging';
import { collectMessages, createTestDatabase, dropTestDatabase, expectEventually, MessageCollector, uniqueSuffix } from '@dx/testing';

import { applyOneByOne, BROKERS, ComputationDatabase, ObservationFeed, OUTPUT_TOPICS, ScriptedObservation } from './computation-harness.util';
import { ComputationTestApp, startComputation } from './computation-test-app';

/**
 * One spec's computation: its instances on a database of their own (kept across a restart), the feed
 * ingestion would be, an administrator's publisher on dx.reference.v1, and collectors on the output topics
 * the spec reads.
 */
export interface ComputationFixture {
  readonly prefix: string;
  readonly databaseUrl: string;
  readonly db: ComputationDatabase;
  readonly feed: ObservationFeed;
  /** Publishes reference changes the way ingestion does. */
  readonly reference: EventPublisher;
  /** dx.indicator-values.v1, when asked for in `collect`. */
  readonly values: MessageCollector;
  /** dx.indicator-status.v1, when asked for in `collect`. */
  readonly status: MessageCollector;
  /** The running instances, in the order of `instanceIds`. */
  readonly instances: readonly ComputationTestApp[];
  /** Publishes each observation and waits until it is applied (see applyOneByOne). */
  apply(observations: readonly ScriptedObservation[]): Promise<void>;
  /** Waits until the outbox is empty: every value and status event computed so far is published. */
  settled(): Promise<void>;
  /** Stops every instance; the database and topics stay. */
  stop(): Promise<void>;
  /** Starts the instances again on the same database and topics. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface ComputationFixtureOptions {
  /** On top of startComputation's defaults (LOG_LEVEL, DX_CLOCK_NOW…). */
  env?: NodeJS.ProcessEnv;
  /** One instance per id (DX_INSTANCE_ID), sharing the consumer group; default one instance with no id. */
  instanceIds?: readonly string[];
  /** Output topics to collect from the start. */
  collect?: ReadonlyArray<'values' | 'status'>;
}

/** Starts computation for a spec named `name` (its database is `computation_<name>_…`, its topics `comp-<name>-…`). */
export async function startComputationFixture(name: string, options: ComputationFixtureOptions = {}): Promise<ComputationFixture> {
  const prefix = `comp-${name}-${uniqueSuffix()}.`;
  const databaseUrl = await createTestDatabase(`computation_${name}`);
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...options.env, DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: prefix };
  const instances: ComputationTestApp[] = [];
  const start = async () => {
    for (const id of options.instanceIds ?? [undefined]) instances.push(await startComputation(id === undefined ? env : { ...env, DX_INSTANCE_ID: id }));
  };
  const stop = async () => {
    for (const instance of instances.splice(0)) await instance.close();
  };
  await start();
  const db = new ComputationDatabase(databaseUrl);
  await db.connect();
  const feed = new ObservationFeed(prefix);
  const reference = new EventPublisher(
    new Kafka({ clientId: `test-admin-${uniqueSuffix(4)}`, brokers: BROKERS, logLevel: logLevel.NOTHING }),
    '/test/ingestion',
    prefix,
  );
  const collected = new Map<'values' | 'status', MessageCollector>();
  for (const topic of options.collect ?? []) collected.set(topic, await collectMessages(BROKERS, `${prefix}${OUTPUT_TOPICS[topic]}`));
  const collector = (topic: 'values' | 'status'): MessageCollector => {
    const found = collected.get(topic);
    if (!found) throw new Error(`the fixture does not collect ${topic}: add it to \`collect\``);
    return found;
  };
  return {
    prefix,
    databaseUrl,
    db,
    feed,
    reference,
    get values() {
      return collector('values');
    },
    get status() {
      return collector('status');
    },
    instances,
    apply: (observations) => applyOneByOne(feed, db, observations),
    settled: () => expectEventually(async () => expect(await db.outboxCount()).toBe(0), { timeoutMs: 60_000, intervalMs: 100 }),
    stop,
    start,
    close: async () => {
      for (const c of collected.values()) await c.stop();
      await reference.disconnect();
      await feed.close();
      await db.close();
      await stop();
      await dropTestDatabase(databaseUrl);
    },
  };
}

/** A hierarchy version as the platform ships it (what an administrator edits and publishes again whole). */
export function shippedHierarchy(versionId = TWO_LEVEL_VERSION_ID): HierarchyDefinition {
  const shipped = HierarchyRegistry.withDefaults().version(versionId)?.definition;
  if (!shipped) throw new Error(`the ${versionId} version ships with the platform`);
  return shipped;
}

/** The key of a value or a status event, as ComputationDatabase.values() keys stored values: `indicator|unit|period` (empty indicator for an overdue report). */
export function valueKey(v: { indicator?: string; unit: string; period: string } | { measure: string; unit: string; period: string }): string {
  return `${'indicator' in v ? v.indicator : ''}|${v.unit}|${v.period}`;
}
