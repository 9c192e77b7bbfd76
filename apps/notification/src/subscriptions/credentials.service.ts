import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { APP_CONFIG, APP_LOGGER, AppLogger, bearerToken, hashSecret, resolveAdminToken, secretsEqual } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';
import { Subscription } from './subscription.type';
import { SubscriptionsRepository } from './subscriptions.repository';

/** Who calls: the administrator, a subscription (by its bearer token), or nobody. */
export type Principal = { readonly kind: 'admin' } | { readonly kind: 'subscription'; readonly subscription: Subscription };

@Injectable()
export class CredentialsService {
  private readonly adminToken: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(APP_CONFIG) config: NotificationConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    this.adminToken = resolveAdminToken(config, logger);
  }

  async authenticate(authorization: string | undefined): Promise<Principal | undefined> {
    const token = bearerToken(authorization);
    if (!token) return undefined;
    if (secretsEqual(token, this.adminToken)) return { kind: 'admin' };
    const hash = hashSecret(token);
    const found = await this.subscriptions.findByTokenHash(this.dataSource.manager, hash);
    // Found by hash already; the constant-time comparison keeps it so if the lookup ever changes.
    if (!found || !secretsEqual(found.tokenHash, hash)) return undefined;
    return { kind: 'subscription', subscription: found.subscription };
  }
}
