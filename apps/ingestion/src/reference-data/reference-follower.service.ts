import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

import { TopicFollower } from '@dx/messaging';
import { referenceFollower, ReferencePublished, SERVICE_CONTEXT, ServiceContext } from '@dx/platform';

import { ReferenceDataService } from './reference-data.service';

/**
 * Ingestion's own database decides reference data; dx.reference.v1 tells this instance when another one
 * changed it. The topic is read to its end first, then the database (so no change committed in between is
 * missed), and every later change makes this instance read the database again.
 */
@Injectable()
export class ReferenceFollowerService implements OnModuleInit, OnApplicationShutdown {
  private readonly follower: TopicFollower<ReferencePublished>;
  private following = false;

  constructor(
    private readonly reference: ReferenceDataService,
    @Inject(SERVICE_CONTEXT) context: ServiceContext,
  ) {
    this.follower = referenceFollower(context, async () => {
      if (this.following) await this.reference.reload();
    });
  }

  async onModuleInit(): Promise<void> {
    await this.follower.start();
    await this.reference.reload();
    this.following = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
