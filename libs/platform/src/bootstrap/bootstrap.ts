import { randomBytes } from 'node:crypto';

import { DynamicModule, INestApplication, INestApplicationContext, ModuleMetadata, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';

import { TOPIC_DEFINITIONS } from '@dx/contracts';
import {
  BatchConsumerOptions,
  consumerGroupId,
  ConsumerLagExporter,
  createKafkaClient,
  ensureTopics,
  EventPublisher,
  kafkaSecurity,
  parseBrokers,
  requireTopics,
} from '@dx/messaging';
import { DxKafkaServer } from '@dx/messaging/nest';

import { ConfigError, describeConfig, loadConfig } from '../config/config.util';
import { httpLimitsConfigSchema, listenHost } from '../config/platform-config.schema';
import { pingDatabase, prepareDatabase, ServiceDataSourceOptions } from '../database/database.util';
import { ApiError } from '../http/api-error';
import { apiErrorMiddleware } from '../http/api-error.filter';
import { jsonNestingExceeds } from '../http/json-depth.util';
import { requestLimits } from '../http/request-limits.middleware';
import { createLogger, NestPinoLogger } from '../logging/logger';
import { MetricsRegistry } from '../metrics/metrics';
import { PlatformModule } from './platform.module';
import { PlatformConfig, ServiceContext, ServiceName } from './service-context';

const MAX_JSON_DEPTH = 32;

/**
 * How the platform runs one of the four services: its name, configuration and database. The service itself,
 * its features, is its `AppModule`; `main.ts` hands both to `createServiceApp`.
 */
export interface ServiceOptions<TConfig extends PlatformConfig> {
  name: ServiceName;
  title: { vi: string; en: string };
  configSchema: z.ZodType<TConfig>;
  port: (config: TConfig) => number;
  database: Omit<ServiceDataSourceOptions, 'url' | 'service'>;
  /** Largest JSON body accepted (bytes); bigger bodies are refused before they are parsed. */
  jsonBodyLimit?: (config: TConfig) => number;
  /**
   * Slice and fetch sizes of the service's batch consumer, when its work gains from larger slices (ADR 0019),
   * and how many partitions' batches it applies at once (ADR 0024).
   */
  consumer?: (config: TConfig) => Pick<BatchConsumerOptions, 'maxEventsPerCall' | 'maxBytesPerPartition' | 'maxBytes' | 'partitionsConsumedConcurrently'>;
  /** Paths of long-lived responses (server-sent events), capped apart from ordinary requests. */
  streamPaths?: readonly string[];
  /** Receives the Nest app before it listens (extra parsers, OpenAPI tags…). */
  configure?: (app: INestApplication, context: ServiceContext<TConfig>) => void;
}

export interface ServiceApp<TConfig> {
  app: INestApplication;
  context: ServiceContext<TConfig>;
  /** Where `runService` listens, from the service's configuration. */
  port: number;
  close(): Promise<void>;
}

/** A service's modules without HTTP or a Kafka consumer: what a command-line task (a rebuild) works with. */
export interface ServiceTaskContext<TConfig> {
  app: INestApplicationContext;
  context: ServiceContext<TConfig>;
  close(): Promise<void>;
}

/**
 * What every part of a service shares, ready before Nest starts: configuration, logger, Kafka client,
 * the service's database schema and the topics.
 */
async function prepareServiceContext<TConfig extends PlatformConfig>(
  options: ServiceOptions<TConfig>,
  env: NodeJS.ProcessEnv,
  extraConfig: Record<string, unknown> = {},
): Promise<ServiceContext<TConfig>> {
  const config = loadConfig(options.configSchema, env);
  const logger = createLogger(options.name, config.LOG_LEVEL);
  const instanceId = config.DX_INSTANCE_ID ?? randomBytes(3).toString('hex');
  logger.info({ config: describeConfig({ ...(config as unknown as Record<string, unknown>), ...extraConfig }), instanceId }, 'starting');

  if (config.NODE_ENV === 'production' && !config.KAFKA_SASL_MECHANISM) {
    logger.warn({}, 'Kafka without SASL: every client is anonymous to the brokers, whose ACLs cannot tell the services apart');
  }

  const kafka = createKafkaClient({
    brokers: parseBrokers(config.KAFKA_BROKERS),
    clientId: `dx-${options.name}-${instanceId}`,
    logger,
    security: kafkaSecurity(config),
  });
  await prepareDatabase(config.DATABASE_URL, options.name);
  // Topics exist before any consumer subscribes (infra.md §5.2); where an operator owns them, we only check.
  if (config.KAFKA_MANAGE_TOPICS) await ensureTopics(kafka, TOPIC_DEFINITIONS, config.KAFKA_TOPIC_PREFIX);
  else await requireTopics(kafka, TOPIC_DEFINITIONS, config.KAFKA_TOPIC_PREFIX);
  const publisher = new EventPublisher(kafka, `/dx/${options.name}`, config.KAFKA_TOPIC_PREFIX);
  return { name: options.name, instanceId, config, logger, kafka, publisher };
}

/**
 * Builds a service without listening: used by `runService` and by integration tests alike. The root module
 * is the platform's (config, logger, database, Kafka, health, metrics) and the service's `AppModule`.
 */
export async function createServiceApp<TConfig extends PlatformConfig>(
  AppModule: Type<unknown>,
  options: ServiceOptions<TConfig>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceApp<TConfig>> {
  const limits = loadConfig(httpLimitsConfigSchema, env);
  const context = await prepareServiceContext(options, env, limits);
  const { config, logger, kafka, publisher } = context;

  const rootModule: DynamicModule = {
    module: class ServiceRootModule {},
    imports: [PlatformModule.forRoot(context, options.database), AppModule],
  };
  const app = await NestFactory.create(rootModule, { logger: new NestPinoLogger(logger), bodyParser: false });
  // Before anything reads a body or checks a credential (M6 of the 2026-11-29 review).
  app.use(
    requestLimits({
      perClientPerMinute: limits.HTTP_RATE_LIMIT_PER_MINUTE,
      maxInFlight: limits.HTTP_MAX_IN_FLIGHT,
      streams: { paths: options.streamPaths ?? [], max: limits.HTTP_MAX_STREAMS },
    }),
  );
  app.use(
    express.json({
      limit: options.jsonBodyLimit?.(config) ?? 1024 * 1024,
      strict: true,
      // Scanned before parsing: a body nested deeper than any request of ours is refused unparsed.
      verify: (_req, _res, body) => {
        if (jsonNestingExceeds(body, MAX_JSON_DEPTH)) {
          throw ApiError.badRequest('too_deep', `JSON lồng quá ${MAX_JSON_DEPTH} cấp / JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
        }
      },
    }),
  );
  options.configure?.(app, context);
  app.use(apiErrorMiddleware(logger));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`${options.title.vi} / ${options.title.en}`).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

  const groupId = consumerGroupId(config.KAFKA_TOPIC_PREFIX, options.name);
  const transport = new DxKafkaServer({
    kafka,
    groupId,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    deadLetters: publisher,
    logger,
    ...options.consumer?.(config),
    // While our database is down a failing batch is an outage, not a poison message.
    dependenciesHealthy: async () => {
      await pingDatabase(app.get(DataSource));
      return true;
    },
  });
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  await publisher.connect();
  await app.init();
  await app.startAllMicroservices();
  // The lag of the service's consumer group on /metrics: what scales the consuming services.
  const lag = new ConsumerLagExporter(kafka, {
    groupId,
    topics: transport.topics.map((topic) => config.KAFKA_TOPIC_PREFIX + topic),
    registry: app.get(MetricsRegistry).registry,
    logger,
    intervalMs: config.KAFKA_LAG_INTERVAL_MS,
  });
  lag.start();

  return {
    app,
    context,
    port: options.port(config),
    close: async () => {
      await lag.stop();
      await app.close();
      await publisher.disconnect().catch(() => undefined);
    },
  };
}

/**
 * A service's modules in a Nest application context: the platform's and `modules`, initialised (database
 * migrated) but with no HTTP server, no Kafka consumer and nothing published, for a command-line task such
 * as a rebuild. Modules that work in the background (an outbox relay, a scheduler)
 * would start here too: a task imports the features it runs, not the whole `AppModule`.
 */
export async function createServiceContext<TConfig extends PlatformConfig>(
  modules: NonNullable<ModuleMetadata['imports']>,
  options: ServiceOptions<TConfig>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceTaskContext<TConfig>> {
  const context = await prepareServiceContext(options, env);
  const rootModule: DynamicModule = {
    module: class ServiceTaskRootModule {},
    imports: [PlatformModule.forRoot(context, options.database), ...modules],
  };
  const app = await NestFactory.createApplicationContext(rootModule, { logger: new NestPinoLogger(context.logger) });
  return { app, context, close: () => app.close() };
}

/** The entry point of a service process: start, listen, and stop cleanly on SIGINT/SIGTERM. */
export async function runService<TConfig extends PlatformConfig>(start: () => Promise<ServiceApp<TConfig>>): Promise<void> {
  let service: ServiceApp<TConfig>;
  try {
    service = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`không khởi động được / failed to start: ${message}\n`);
    }
    process.exit(1);
  }
  const { port } = service;
  const host = listenHost(service.context.config);
  await service.app.listen(port, host);
  service.context.logger.info({ host, port }, 'ready');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    service.context.logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    service
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
