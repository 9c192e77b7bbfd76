import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

import { APP_CONFIG, APP_LOGGER, AppLogger } from '@dx/platform';

import { NotificationConfig } from '../config/notification.config';
import { SubscriptionsDirectory } from '../subscriptions/subscriptions-directory.service';
import { ChannelDelivery, ChannelResult } from './delivery-content.type';
import { emailHtml } from './email-html.util';

/** E-mail over SMTP to SMTP_URL (nodemailer), HTML and text, Vietnamese first. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  readonly name = 'email' as const;
  private readonly transport?: Transporter;

  constructor(
    private readonly subscriptions: SubscriptionsDirectory,
    @Inject(APP_CONFIG) private readonly config: NotificationConfig,
    @Inject(APP_LOGGER) logger: AppLogger,
  ) {
    if (config.SMTP_URL) {
      this.transport = createTransport(config.SMTP_URL, { from: config.SMTP_FROM });
    } else {
      logger.warn('SMTP_URL chưa đặt: không gửi e-mail / SMTP_URL unset: e-mail deliveries fail with email_not_configured');
    }
  }

  async send(delivery: ChannelDelivery): Promise<ChannelResult> {
    if (delivery.content.channel !== 'email') return { delivered: false, retry: false, error: 'not_an_email' };
    if (!this.transport) return { delivered: false, retry: false, error: 'email_not_configured' };
    const subscription = await this.subscriptions.find(delivery.subscriptionId);
    if (!subscription?.email) return { delivered: false, retry: false, error: 'subscription_without_email' };
    try {
      await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: subscription.email,
        subject: delivery.content.subject,
        text: delivery.content.text,
        html: emailHtml(delivery.content),
        // The same id on every attempt: a mail system can see a retried message as the same one.
        messageId: `<${delivery.deliveryId}@notification.dx>`,
        headers: { 'X-DX-Delivery': delivery.deliveryId, ...(delivery.alertId ? { 'X-DX-Alert': delivery.alertId } : {}) },
      });
      return { delivered: true };
    } catch (error) {
      const responseCode = (error as { responseCode?: unknown }).responseCode;
      // 5xx from the mail server is final (no such mailbox, refused); anything else may pass later.
      const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
      return { delivered: false, retry: !permanent, error: errorText(error), ...(typeof responseCode === 'number' ? { statusCode: responseCode } : {}) };
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
}
