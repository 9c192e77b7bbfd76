import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG } from '@dx/platform';

import { allowedWebhookHosts, NotificationConfig } from '../config/notification.config';
import { SubscriptionsDirectory } from '../subscriptions/subscriptions-directory.service';
import { webhookTargetProblem } from '../subscriptions/webhook-target.util';
import { ChannelDelivery, ChannelResult } from './delivery-content.type';
import { webhookSignatureHeaders } from './webhook-signature.util';

/** The contract's signed webhook: any 2xx is success; anything else is retried by the deliveries. */
@Injectable()
export class WebhookChannel {
  readonly name = 'webhook' as const;
  private readonly allowedHosts: ReadonlySet<string> | undefined;

  constructor(
    private readonly subscriptions: SubscriptionsDirectory,
    @Inject(APP_CONFIG) private readonly config: NotificationConfig,
  ) {
    this.allowedHosts = allowedWebhookHosts(config);
  }

  async send(delivery: ChannelDelivery): Promise<ChannelResult> {
    if (delivery.content.channel !== 'webhook') return { delivered: false, retry: false, error: 'not_a_webhook' };
    const target = await this.subscriptions.webhookTarget(delivery.subscriptionId);
    if (!target) return { delivered: false, retry: false, error: 'subscription_without_webhook' };
    // Checked again at every attempt: WEBHOOK_ALLOWED_HOSTS may have been narrowed since.
    const problem = webhookTargetProblem(target.url, this.allowedHosts);
    if (problem) return { delivered: false, retry: false, error: `webhook_not_allowed: ${problem.en}` };
    const body = delivery.content.body;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'dx-notification/1',
          'X-DX-Delivery': delivery.deliveryId,
          ...webhookSignatureHeaders(body, target.secret, delivery.at),
        },
        body,
        // A redirect could lead anywhere (WEBHOOK_ALLOWED_HOSTS): it is a failure, not followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.NOTIFICATION_WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { delivered: true, statusCode: response.status };
      return { delivered: false, retry: true, error: `HTTP ${response.status}`, statusCode: response.status };
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause;
      const code = typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'error';
      return { delivered: false, retry: true, error: `${code}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
    }
  }
}
