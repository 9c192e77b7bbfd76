import { randomBytes, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { checkSubscriptionScope, PillarCode } from '@dx/domain';
import { APP_CONFIG, hashSecret } from '@dx/platform';

import { allowedWebhookHosts, NotificationConfig, secretKeyOf } from '../config/notification.config';
import { Outcome, refuse } from '../errors/refusal.util';
import { ClockService } from '../reference/clock.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { sealSecret } from './secret-box.util';
import { CreateSubscriptionRequest } from './subscription-request.schema';
import { Subscription } from './subscription.type';
import { SubscriptionsRepository } from './subscriptions.repository';
import { webhookTargetProblem } from './webhook-target.util';

const TOKEN_PREFIX = 'dxs_';

/** The admin's use cases on subscriptions. */
@Injectable()
export class SubscriptionsService {
  private readonly key: Buffer;
  private readonly allowedHosts: ReadonlySet<string> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly reference: ReferenceDataService,
    private readonly clock: ClockService,
    @Inject(APP_CONFIG) config: NotificationConfig,
  ) {
    this.key = secretKeyOf(config);
    this.allowedHosts = allowedWebhookHosts(config);
  }

  /** Stores a subscription; its bearer token is in the result only (stored as a hash). */
  async create(request: CreateSubscriptionRequest): Promise<Outcome<{ subscription: Subscription; token: string }>> {
    if (!request.email && !request.webhook && request.inbox !== true) {
      return refuse('no_channel', { vi: 'Cần ít nhất một kênh: email, webhook hoặc inbox', en: 'at least one channel is required: email, webhook or inbox' });
    }
    const scope = {
      units: [...new Set(request.scope.units)],
      includeDescendants: request.scope.includeDescendants,
      ...(request.scope.pillars ? { pillars: [...new Set(request.scope.pillars)] as PillarCode[] } : {}),
      ...(request.scope.indicators ? { indicators: [...new Set(request.scope.indicators)] } : {}),
    };
    const problems = checkSubscriptionScope(scope, this.reference);
    if (problems.length > 0) {
      return refuse(
        'invalid_scope',
        { vi: 'Phạm vi theo dõi không hợp lệ', en: 'the scope is not valid' },
        problems.map((p) => ({ code: p.code, path: p.path.join('.'), message: `${p.message.vi} / ${p.message.en}` })),
      );
    }
    if (request.webhook) {
      const problem = webhookTargetProblem(request.webhook.url, this.allowedHosts);
      if (problem) return refuse('webhook_not_allowed', problem, [{ path: 'webhook.url' }]);
    }
    const id = randomUUID();
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const subscription: Subscription = {
      id,
      name: request.name,
      ...(request.email ? { email: request.email } : {}),
      ...(request.webhook ? { webhookUrl: request.webhook.url } : {}),
      inbox: request.inbox === true,
      scope,
      minSeverity: request.minSeverity,
      createdAt: this.clock.now(),
    };
    await this.dataSource.transaction((manager) =>
      this.subscriptions.insert(manager, {
        subscription,
        ...(request.webhook ? { sealedWebhookSecret: sealSecret(request.webhook.secret, this.key, id) } : {}),
        tokenHash: hashSecret(token),
      }),
    );
    return { ok: true, subscription, token };
  }

  async get(id: string): Promise<Outcome<{ subscription: Subscription }>> {
    const stored = await this.subscriptions.find(this.dataSource.manager, id);
    return stored ? { ok: true, subscription: stored.subscription } : notFound(id);
  }

  async list(): Promise<Subscription[]> {
    return (await this.subscriptions.list(this.dataSource.manager)).map((s) => s.subscription);
  }

  /** Deletes the subscription: its token stops working and its pending deliveries are cancelled. */
  async delete(id: string): Promise<Outcome<object>> {
    const deleted = await this.dataSource.transaction((manager) => this.subscriptions.delete(manager, id, this.clock.now()));
    return deleted ? { ok: true } : notFound(id);
  }
}

function notFound(id: string) {
  return refuse('subscription_not_found', { vi: `Không có đăng ký ${id}`, en: `No subscription ${id}` });
}
