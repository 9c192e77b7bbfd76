import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';

import { EventPublisher } from '@dx/messaging';

import { createDataSourceOptions, pingDatabase, ServiceDataSourceOptions } from '../database/database.util';
import { runMigrationsOnce } from '../database/migrations.util';
import { HealthController, READINESS_CHECKS, ReadinessCheck, ReadinessService } from '../health/health';
import { ApiErrorFilter } from '../http/api-error.filter';
import { HttpMetricsMiddleware, MetricsController, MetricsRegistry } from '../metrics/metrics';
import { APP_CONFIG, APP_LOGGER, KAFKA_CLIENT, SERVICE_CONTEXT, ServiceContext } from './service-context';

function databaseCheck(dataSource: DataSource): ReadinessCheck {
  return { name: 'database', check: () => pingDatabase(dataSource) };
}

/** Broker reachability through one admin connection, closed with the application. */
class KafkaReadinessCheck implements ReadinessCheck, OnApplicationShutdown {
  readonly name = 'kafka';
  private admin?: Admin;

  constructor(private readonly context: ServiceContext) {}

  async check(): Promise<void> {
    try {
      if (!this.admin) {
        this.admin = this.context.kafka.admin({ retry: { retries: 0 } });
        await this.admin.connect();
      }
      await this.admin.describeCluster();
    } catch (error) {
      // A fresh admin next time: kafkajs does not always recover a broken admin connection.
      await this.onApplicationShutdown();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}

/** Config, logger, Kafka, database, health, metrics and errors of one service; the rest are its features. */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(context: ServiceContext, database: Omit<ServiceDataSourceOptions, 'url' | 'service'>): DynamicModule {
    const config = context.config as { DATABASE_URL: string };
    const dataSourceOptions = createDataSourceOptions({ ...database, url: config.DATABASE_URL, service: context.name });
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions,
            // Start-up waits for PostgreSQL a little, then fails with a clear message rather than hanging.
            retryAttempts: 5,
            retryDelay: 1_000,
          }),
          // Migrations run on start, under the lock that keeps instances starting together from racing.
          dataSourceFactory: async () => {
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            try {
              await runMigrationsOnce(dataSource, context.name);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONTEXT, useValue: context },
        { provide: APP_CONFIG, useValue: context.config },
        { provide: APP_LOGGER, useValue: context.logger },
        { provide: KAFKA_CLIENT, useValue: context.kafka },
        { provide: EventPublisher, useValue: context.publisher },
        { provide: KafkaReadinessCheck, useValue: new KafkaReadinessCheck(context) },
        {
          provide: READINESS_CHECKS,
          inject: [DataSource, KafkaReadinessCheck],
          useFactory: (dataSource: DataSource, kafka: KafkaReadinessCheck) => [databaseCheck(dataSource), kafka],
        },
        ReadinessService,
        MetricsRegistry,
        HttpMetricsMiddleware,
        {
          provide: APP_FILTER,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new ApiErrorFilter(context.logger, () =>
              pingDatabase(dataSource).then(
                () => true,
                () => false,
              ),
            ),
        },
      ],
      exports: [SERVICE_CONTEXT, APP_CONFIG, APP_LOGGER, KAFKA_CLIENT, EventPublisher, MetricsRegistry, TypeOrmModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
