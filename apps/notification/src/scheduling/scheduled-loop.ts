import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { PollingLoop } from './polling-loop';

/**
 * A polling loop that lives as long as the Nest application: it starts once every module is ready (the
 * consumers included) and stops, its current round finished, before the database closes. No loop (a
 * feature turned off by configuration) makes a scheduler that does nothing.
 */
export abstract class ScheduledLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  protected constructor(private readonly loop: PollingLoop | undefined) {}

  /** Runs a round as soon as the current one (if any) ends: this process just made work due. */
  wake(): void {
    this.loop?.wake();
  }

  onApplicationBootstrap(): void {
    this.loop?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}
