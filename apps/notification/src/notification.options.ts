import { ServiceOptions } from '@dx/platform';

import { notificationConfigSchema, NotificationConfig } from './config/notification.config';
import { CreateProcessedEvents1764230400000 } from './migrations/1764230400000-create-processed-events';
import { CreateAlertsAndDeliveries1764576000000 } from './migrations/1764576000000-create-alerts-and-deliveries';
import { CreateOutboxParking1764921700000 } from './migrations/1764921700000-create-outbox-parking';

// How the platform runs the notification service; the service itself is AppModule.
export const NOTIFICATION_OPTIONS: ServiceOptions<NotificationConfig> = {
  name: 'notification',
  title: { vi: 'Dịch vụ cảnh báo', en: 'Notification service' },
  configSchema: notificationConfigSchema,
  port: (config) => config.NOTIFICATION_PORT,
  // Data access is SQL over the tables the migrations define; rows are checked with zod where read.
  database: { entities: [], migrations: [CreateProcessedEvents1764230400000, CreateAlertsAndDeliveries1764576000000, CreateOutboxParking1764921700000] },
  // A subscription or an acknowledgement is small.
  jsonBodyLimit: () => 64 * 1024,
};
