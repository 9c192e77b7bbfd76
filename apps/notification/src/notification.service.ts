import { ServiceDefinition } from '@dx/platform';

import { AppModule } from './app.module';
import { notificationConfigSchema, NotificationConfig } from './config/notification.config';
import { CreateProcessedEvents1764230400000 } from './migrations/1764230400000-create-processed-events';
import { CreateAlertsAndDeliveries1764576000000 } from './migrations/1764576000000-create-alerts-and-deliveries';
import { CreateOutboxParking1764921700000 } from './migrations/1764921700000-create-outbox-parking';

// The bootstrap's view of the service; the composition itself is AppModule.
export const NOTIFICATION_SERVICE: ServiceDefinition<NotificationConfig> = {
  name: 'notification',
  title: { vi: 'Dịch vụ cảnh báo', en: 'Notification service' },
  configSchema: notificationConfigSchema,
  port: (config) => config.NOTIFICATION_PORT,
  // Data access is SQL over the tables the migrations define; rows are checked with zod where read.
  database: { entities: [], migrations: [CreateProcessedEvents1764230400000, CreateAlertsAndDeliveries1764576000000, CreateOutboxParking1764921700000] },
  imports: () => [AppModule],
  // A subscription or an acknowledgement is small.
  jsonBodyLimit: () => 64 * 1024,
};
