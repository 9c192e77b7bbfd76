import { z } from 'zod';

import { databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema } from '@dx/platform';

const originSchema = z.string().regex(/^https?:\/\/[^\s/,]+$/, 'expected origins like https://portal.cantho.gov.vn');

export const reportingConfigSchema = runtimeConfigSchema
  .extend(kafkaConfigSchema.shape)
  .extend(databaseConfigSchema.shape)
  .extend(httpPortSchema('REPORTING_PORT', 3000).shape)
  .extend({
    // Portals on other origins that may call the API from a browser (comma list); unset: none.
    REPORTING_CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o.length > 0),
      )
      .pipe(z.array(originSchema)),
    // Where the dashboard's built files are (nx run dashboard:build writes them there).
    REPORTING_DASHBOARD_DIR: z.string().default('dist/dashboard'),
    // `on` while the demo's synthetic data feed the platform: the dashboard shows a banner.
    DX_DEMO: z.enum(['on', 'off']).default('off'),
    // A fixed business clock (tests, demos): today's hierarchy version, how late a report is.
    DX_CLOCK_NOW: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && config.DX_CLOCK_NOW !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['DX_CLOCK_NOW'], message: 'must not be set in production' });
    }
  });

export type ReportingConfig = z.infer<typeof reportingConfigSchema>;
