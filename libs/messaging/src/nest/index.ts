// The Nest glue of @dx/messaging (`@dx/messaging/nest`): the only entry that loads @nestjs/microservices,
// so framework-free code (rebuilds, tools) importing `@dx/messaging` does not.
export * from './dx-kafka.server';
export * from './consume-events.decorator';
export * from './consumer-errors.filter';
