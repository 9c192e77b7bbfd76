import { ServiceDefinition } from '@dx/platform';

import { notificationConfigSchema, NotificationConfig } from './config/notification.config';
import { CreateProcessedEvents1764230400000 } from './migrations/1764230400000-create-processed-events';

export const NOTIFICATION_SERVICE: ServiceDefinition<NotificationConfig> = {
  name: 'notification',
  title: { vi: 'Dịch vụ cảnh báo', en: 'Notification service' },
  configSchema: notificationConfigSchema,
  port: (config) => config.NOTIFICATION_PORT,
  database: { entities: [], migrations: [CreateProcessedEvents1764230400000] },
  imports: () => [],
};
