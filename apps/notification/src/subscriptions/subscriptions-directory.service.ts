import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { APP_CONFIG } from '@dx/platform';

import { NotificationConfig, secretKeyOf } from '../config/notification.config';
import { openSecret } from './secret-box.util';
import { Subscription } from './subscription.type';
import { SubscriptionsRepository } from './subscriptions.repository';

/** What other features may know of subscriptions: the live ones, their names, and where to reach them. */
@Injectable()
export class SubscriptionsDirectory {
  private readonly key: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(APP_CONFIG) config: NotificationConfig,
  ) {
    this.key = secretKeyOf(config);
  }

  async live(): Promise<Subscription[]> {
    return (await this.subscriptions.list(this.dataSource.manager)).map((s) => s.subscription);
  }

  async find(id: string): Promise<Subscription | undefined> {
    return (await this.subscriptions.find(this.dataSource.manager, id))?.subscription;
  }

  /** Names by id, deleted subscriptions included. */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    return this.subscriptions.names(this.dataSource.manager, ids);
  }

  /** The live subscription's webhook URL and secret (decrypted for signing, never for display). */
  async webhookTarget(id: string): Promise<{ readonly url: string; readonly secret: string } | undefined> {
    const stored = await this.subscriptions.find(this.dataSource.manager, id);
    if (!stored?.subscription.webhookUrl || !stored.sealedWebhookSecret) return undefined;
    return { url: stored.subscription.webhookUrl, secret: openSecret(stored.sealedWebhookSecret, this.key, id) };
  }
}
