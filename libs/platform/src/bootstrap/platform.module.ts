import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';

import { EventPublisher } from '@dx/messaging';

import { createDataSourceOptions, ServiceDataSourceOptions } from '../database/database.util';
import { HealthController, READINESS_CHECKS, ReadinessCheck, ReadinessService } from '../health/health';
import { ApiErrorFilter } from '../http/api-error.filter';
import { HttpMetricsMiddleware, MetricsController, MetricsRegistry } from '../metrics/metrics';
import { APP_CONFIG, APP_LOGGER, KAFKA_CLIENT, SERVICE_CONTEXT, ServiceContext } from './service-context';

function databaseCheck(dataSource: DataSource): ReadinessCheck {
  return { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) };
}

function kafkaCheck(context: ServiceContext): ReadinessCheck {
  let admin: Admin | undefined;
  return {
    name: 'kafka',
    check: async () => {
      try {
        if (!admin) {
          admin = context.kafka.admin({ retry: { retries: 0 } });
          await admin.connect();
        }
        await admin.describeCluster();
      } catch (error) {
        // A fresh admin next time: kafkajs does not always recover a broken admin connection.
        const broken = admin;
        admin = undefined;
        await broken?.disconnect().catch(() => undefined);
        throw error;
      }
    },
  };
}

/** Config, logger, Kafka, database, health, metrics and errors of one service; the rest are its features. */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(context: ServiceContext, database: Omit<ServiceDataSourceOptions, 'url' | 'service'>): DynamicModule {
    const config = context.config as { DATABASE_URL: string };
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRoot({
          ...createDataSourceOptions({ ...database, url: config.DATABASE_URL, service: context.name }),
          migrationsRun: true,
          // Start-up waits for PostgreSQL a little, then fails with a clear message rather than hanging.
          retryAttempts: 5,
          retryDelay: 1_000,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONTEXT, useValue: context },
        { provide: APP_CONFIG, useValue: context.config },
        { provide: APP_LOGGER, useValue: context.logger },
        { provide: KAFKA_CLIENT, useValue: context.kafka },
        { provide: EventPublisher, useValue: context.publisher },
        {
          provide: READINESS_CHECKS,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => [databaseCheck(dataSource), kafkaCheck(context)],
        },
        ReadinessService,
        MetricsRegistry,
        HttpMetricsMiddleware,
        { provide: APP_FILTER, useFactory: () => new ApiErrorFilter(context.logger) },
      ],
      exports: [SERVICE_CONTEXT, APP_CONFIG, APP_LOGGER, KAFKA_CLIENT, EventPublisher, MetricsRegistry, TypeOrmModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
