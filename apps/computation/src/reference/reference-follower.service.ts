import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

import { referenceChangeOf } from '@dx/domain';
import { TopicFollower } from '@dx/messaging';
import { referenceFollower, SERVICE_CONTEXT, ServiceContext } from '@dx/platform';

import { ReferenceDataService } from './reference-data.service';

/**
 * Keeps this instance's reference data current from dx.reference.v1. On start it reads the topic to its
 * end before the service consumes anything else (module init completes before the Kafka consumers start),
 * so a restarted instance computes with the targets and versions administrators changed; then it follows.
 */
@Injectable()
export class ReferenceFollowerService implements OnModuleInit, OnApplicationShutdown {
  private readonly follower: TopicFollower;

  constructor(reference: ReferenceDataService, @Inject(SERVICE_CONTEXT) context: ServiceContext) {
    this.follower = referenceFollower(context, (data) => reference.apply(referenceChangeOf(data)));
  }

  async onModuleInit(): Promise<void> {
    await this.follower.start();
  }

  /** Resolves once this instance computes with the change at `offset` of dx.reference.v1. */
  appliedThrough(offset: string): Promise<void> {
    return this.follower.appliedThrough(offset);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
