import { Module } from '@nestjs/common';

import { AlertsModule } from './alerts/alerts.module';
import { ChannelsModule } from './channels/channels.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { DigestModule } from './digest/digest.module';
import { DocsModule } from './docs/docs.module';
import { InboxModule } from './inbox/inbox.module';
import { ReferenceModule } from './reference/reference.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

/**
 * The notification service, feature by feature (the platform's config, logger, database, Kafka, health
 * and metrics come from the bootstrap):
 * - subscriptions: who is told what (admin API, bearer tokens, sealed webhook secrets); who a caller is;
 * - alerts: `dx.indicator-status.v1` → the alert lifecycle, its timers, `dx.alerts.v1`, the alerts API,
 *   and the dispatch of notifications into deliveries;
 * - deliveries over the channels (e-mail, signed webhook, inbox), retried and persisted;
 * - inbox: `GET /v1/inbox`; digest: the weekly digest; docs: AsyncAPI of `dx.alerts.v1`.
 * Features use each other only through what their modules export.
 */
@Module({
  imports: [ReferenceModule, SubscriptionsModule, InboxModule, ChannelsModule, DeliveriesModule, AlertsModule, DigestModule, DocsModule],
})
export class AppModule {}
