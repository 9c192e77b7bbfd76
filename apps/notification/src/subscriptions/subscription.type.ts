import { AlertChannel, AlertSubscription, Severity, SubscriptionScope } from '@dx/domain';

/** A subscription as this service keeps it; the webhook secret stays sealed in the repository. */
export interface Subscription {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly webhookUrl?: string;
  readonly inbox: boolean;
  readonly scope: SubscriptionScope;
  readonly minSeverity: Severity;
  readonly createdAt: Date;
}

/** The channels a subscription has set up. */
export function channelsOf(subscription: Subscription): AlertChannel[] {
  return [
    ...(subscription.email ? (['email'] as const) : []),
    ...(subscription.webhookUrl ? (['webhook'] as const) : []),
    ...(subscription.inbox ? (['inbox'] as const) : []),
  ];
}

/** The subscription as alert routing sees it. */
export function routingSubscription(subscription: Subscription): AlertSubscription {
  return { id: subscription.id, scope: subscription.scope, minSeverity: subscription.minSeverity, channels: channelsOf(subscription) };
}

/** The API's view: never the secret, never the token. */
export function subscriptionView(subscription: Subscription) {
  return {
    id: subscription.id,
    name: subscription.name,
    ...(subscription.email ? { email: subscription.email } : {}),
    ...(subscription.webhookUrl ? { webhook: { url: subscription.webhookUrl } } : {}),
    inbox: subscription.inbox,
    scope: subscription.scope,
    minSeverity: subscription.minSeverity,
    createdAt: subscription.createdAt.toISOString(),
  };
}
