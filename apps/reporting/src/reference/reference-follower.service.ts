import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

import { referenceChangeOf } from '@dx/domain';
import { TopicFollower } from '@dx/messaging';
import { referenceFollower, SERVICE_CONTEXT, ServiceContext } from '@dx/platform';

import { ReferenceDataService } from './reference-data.service';

/**
 * Keeps this instance's reference data current from dx.reference.v1: on start it reads the topic to its end
 * before the service consumes or answers anything (module init completes before the consumers start and the
 * server listens), so portals see the targets and versions administrators set; then it follows.
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

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
