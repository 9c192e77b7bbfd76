import { z } from 'zod';

import { adminTokenConfigSchema, databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from '@dx/platform';

export const notificationConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(adminTokenConfigSchema.shape)
  .extend(httpPortSchema('NOTIFICATION_PORT', 3003).shape)
  .extend({
    // Unset: e-mail is not sent (npm start sets it to its local mail catcher).
    SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'expected smtp://host:port').optional(),
  });

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
