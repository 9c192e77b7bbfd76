import { z } from 'zod';

import { defineEventContract } from '../event-contract';
import { messageSourceSchema } from '../shared.schema';
import { TOPICS } from '../topics.constant';

// WARNING: persisted CloudEvents type; never edit, add a .v2 instead.
export const MESSAGE_DEAD_LETTERED_V1 = 'vn.cantho.dx.message.dead-lettered.v1';

export const messageDeadLetteredV1Schema = z.object({
  consumerGroup: z.string(),
  reason: z.object({
    // `invalid` when the message can never be processed, `exhausted` after the retry budget ran out.
    kind: z.enum(['invalid', 'exhausted']),
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
    attempts: z.number().int().nonnegative(),
  }),
  source: messageSourceSchema,
  deadLetteredAt: z.iso.datetime({ offset: true }),
});

export type MessageDeadLetteredV1 = z.infer<typeof messageDeadLetteredV1Schema>;

export const MessageDeadLetteredV1 = defineEventContract<MessageDeadLetteredV1>({
  type: MESSAGE_DEAD_LETTERED_V1,
  topic: TOPICS.deadLetters,
  schema: messageDeadLetteredV1Schema,
  keyOf: (data) => data.source.topic,
  subjectOf: (data) => `${data.source.topic}/${data.source.partition}/${data.source.offset}`,
});
