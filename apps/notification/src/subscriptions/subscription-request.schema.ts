import { z } from 'zod';

import { indicatorCodeSchema, severitySchema, unitCodeSchema } from '@dx/contracts';

import { textInput as text } from '../http/text-input.schema';

/** `POST /v1/subscriptions` (contract.md, Notification). Unknown fields are refused, not ignored. */
export const createSubscriptionSchema = z
  .object({
    name: text(200).trim().min(1),
    email: z.email().max(254).optional(),
    webhook: z
      .object({ url: text(2_000).min(1), secret: text(256).min(16, 'at least 16 characters') })
      .strict()
      .optional(),
    inbox: z.boolean().optional(),
    scope: z
      .object({
        units: z.array(unitCodeSchema).min(1).max(500),
        includeDescendants: z.boolean(),
        pillars: z.array(text(40)).max(10).optional(),
        indicators: z.array(indicatorCodeSchema).max(100).optional(),
      })
      .strict(),
    minSeverity: severitySchema,
  })
  .strict();

export type CreateSubscriptionRequest = z.infer<typeof createSubscriptionSchema>;

/** A subscription id in a path. */
export const subscriptionIdSchema = z.uuid();
