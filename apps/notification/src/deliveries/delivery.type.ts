import { AlertChannel } from '@dx/domain';

import { DeliveryContent } from '../channels/delivery-content.type';

/** A message to one subscription over one channel, to be sent at `dueAt` and retried until it goes. */
export interface NewDelivery {
  /** The contract's `deliveryId`. */
  readonly id: string;
  /** What it delivers (a notification order's id, a digest's): one delivery per source, subscription and channel. */
  readonly source: string;
  readonly alertId?: string;
  readonly subscriptionId: string;
  readonly channel: AlertChannel;
  readonly content: DeliveryContent;
  readonly dueAt: Date;
}

/** A delivery as an alert's history shows it. */
export interface DeliveryRecord {
  readonly id: string;
  readonly source: string;
  readonly subscriptionId: string;
  readonly channel: AlertChannel;
  readonly state: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly createdAt: Date;
  readonly dueAt: Date;
  readonly deliveredAt?: Date;
  readonly lastResult?: string;
  readonly attemptLog: readonly {
    readonly attempt: number;
    readonly at: Date;
    readonly outcome: 'delivered' | 'failed';
    readonly statusCode?: number;
    readonly error?: string;
  }[];
}
