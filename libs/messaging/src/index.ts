export * from './logger.type';
export * from './kafka-client.util';
export * from './topics.util';
export * from './transient-error.util';
export * from './event-publisher';
export * from './batch-consumer';
export * from './nest/dx-kafka.server';
