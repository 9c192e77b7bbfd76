import { z } from 'zod';

import { adminTokenConfigSchema, databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from '@dx/platform';

// Development and tests only: a fixed key, so a restarted service still reads the secrets it stored.
export const DEV_SECRET_KEY = Buffer.alloc(32, 'dx-development-only-secret-key!!').toString('base64');

const isDevelopment = (config: { NODE_ENV?: string }) => config.NODE_ENV === 'development' || config.NODE_ENV === 'test';

export const notificationConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(adminTokenConfigSchema.shape)
  .extend(httpPortSchema('NOTIFICATION_PORT', 3003).shape)
  .extend({
    // Unset: e-mail deliveries fail with `email_not_configured` (npm start points it at its mail catcher).
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'expected smtp://host:port')
      .optional(),
    SMTP_FROM: z.string().min(3).max(200).default('Cảnh báo chuyển đổi số Cần Thơ <canh-bao@dx.cantho.local>'),
    // AES-256-GCM key (32 bytes, base64) that encrypts webhook secrets at rest.
    DX_SECRET_KEY: z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'expected 32 bytes in base64 (openssl rand -base64 32)')
      .optional(),
    // Where e-mails link to.
    DX_DASHBOARD_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
    // Comma list of host names webhooks may target; unset: any host (loopback included).
    WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .regex(/^[A-Za-z0-9.:[\]-]+(,[A-Za-z0-9.:[\]-]+)*$/, 'expected a comma list of host names')
      .optional(),
    NOTIFICATION_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    // How often the timers (alert reminders and escalations, due notifications, retries) are looked at.
    NOTIFICATION_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
    // How often the weekly digests are looked at; 0 turns them off.
    NOTIFICATION_DIGEST_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
    // The business clock starts at this instant and runs from there (tests and demos: quiet hours,
    // escalation deadlines); refused in production.
    DX_CLOCK_NOW: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.DX_SECRET_KEY === undefined && !isDevelopment(config)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DX_SECRET_KEY'],
        message: 'bắt buộc trừ khi NODE_ENV=development hoặc test / required unless NODE_ENV is development or test',
      });
    }
    if (config.DX_ADMIN_TOKEN === undefined && !isDevelopment(config)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DX_ADMIN_TOKEN'],
        message: 'bắt buộc trừ khi NODE_ENV=development hoặc test / required unless NODE_ENV is development or test',
      });
    }
    if (config.DX_CLOCK_NOW !== undefined && config.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['DX_CLOCK_NOW'], message: 'must not be set in production' });
    }
  });

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;

/** The key in force: the configured one, or the development key (the schema refuses that elsewhere). */
export function secretKeyOf(config: Pick<NotificationConfig, 'DX_SECRET_KEY'>): Buffer {
  return Buffer.from(config.DX_SECRET_KEY ?? DEV_SECRET_KEY, 'base64');
}

/** WEBHOOK_ALLOWED_HOSTS as lower-case host names; undefined: any host. */
export function allowedWebhookHosts(config: Pick<NotificationConfig, 'WEBHOOK_ALLOWED_HOSTS'>): ReadonlySet<string> | undefined {
  return config.WEBHOOK_ALLOWED_HOSTS ? new Set(config.WEBHOOK_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase())) : undefined;
}
