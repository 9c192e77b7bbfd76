/**
 * What a delivery sends, fixed when it is made so that every retry sends the same thing (a webhook's
 * exact body bytes, which its signature covers). WARNING: stored as JSON in `delivery.content`.
 */
export type DeliveryContent =
  | {
      readonly channel: 'email';
      readonly subject: string;
      readonly lines: { readonly vi: readonly string[]; readonly en: readonly string[] };
      readonly text: string;
      readonly link?: string;
    }
  | { readonly channel: 'webhook'; readonly body: string }
  | { readonly channel: 'inbox'; readonly subject: string; readonly text: string };

/** One attempt at a delivery, as a channel receives it. */
export interface ChannelDelivery {
  /** The contract's `deliveryId` (webhooks) and the e-mail's Message-ID: the same on every attempt. */
  readonly deliveryId: string;
  readonly subscriptionId: string;
  readonly alertId?: string;
  readonly content: DeliveryContent;
  readonly at: Date;
}

/** How an attempt ended: delivered, failed for now (retry), or failed for good. */
export type ChannelResult =
  | { readonly delivered: true; readonly statusCode?: number }
  | { readonly delivered: false; readonly retry: boolean; readonly error: string; readonly statusCode?: number };
