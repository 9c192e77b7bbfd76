import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

import { RawMessage, TopicFollower } from '@dx/messaging';

import { ServiceContext } from '../bootstrap/service-context';
import { referenceFollower, ReferencePublished } from './reference-follower.util';

/**
 * dx.reference.v1 followed by one instance of a service, as a Nest provider: a service's follower extends
 * it with how it applies a change. Module init reads the topic to its end, and Nest completes module init
 * before the Kafka consumers start and the server listens, so a restarted instance never consumes or
 * answers with stale reference data; then it follows.
 */
export abstract class ReferenceTopicFollower implements OnModuleInit, OnApplicationShutdown {
  private readonly follower: TopicFollower<ReferencePublished>;

  protected constructor(
    context: ServiceContext,
    apply: (data: ReferencePublished, message: RawMessage) => void | readonly { message: string }[] | Promise<void>,
  ) {
    this.follower = referenceFollower(context, apply);
  }

  async onModuleInit(): Promise<void> {
    await this.follower.start();
  }

  /** Resolves once this instance works with the change at `offset` of dx.reference.v1. */
  appliedThrough(offset: string): Promise<void> {
    return this.follower.appliedThrough(offset);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
