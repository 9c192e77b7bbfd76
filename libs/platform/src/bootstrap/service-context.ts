import { Kafka } from 'kafkajs';

import { EventPublisher, KafkaSecuritySettings } from '@dx/messaging';

import { AppLogger } from '../logging/logger';

export type ServiceName = 'ingestion' | 'computation' | 'notification' | 'reporting';

/** What every part of a service shares: created once in bootstrap, provided to Nest by PlatformModule. */
export interface ServiceContext<TConfig = PlatformConfig> {
  name: ServiceName;
  instanceId: string;
  config: TConfig;
  logger: AppLogger;
  kafka: Kafka;
  publisher: EventPublisher;
}

export interface PlatformConfig extends KafkaSecuritySettings {
  NODE_ENV?: 'development' | 'production' | 'test';
  HOST?: string;
  LOG_LEVEL: string;
  KAFKA_BROKERS: string;
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_MANAGE_TOPICS: boolean;
  KAFKA_LAG_INTERVAL_MS: number;
  DATABASE_URL: string;
  DX_INSTANCE_ID?: string;
}

// Injection tokens
export const SERVICE_CONTEXT = Symbol('SERVICE_CONTEXT');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const APP_LOGGER = Symbol('APP_LOGGER');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
