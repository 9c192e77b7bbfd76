import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { ApiErrorResponses, parseRequest } from '@dx/platform';

import { orThrow } from '../http/api-errors.util';
import { Principal } from '../subscriptions/credentials.service';
import { CurrentPrincipal } from '../subscriptions/principal.decorator';
import { SubscriberGuard } from '../subscriptions/subscriber.guard';
import { InboxService } from './inbox.service';

const inboxQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
  })
  .strict();

@ApiTags('Hộp thư / Inbox')
@ApiBearerAuth()
@UseGuards(SubscriberGuard)
@Controller('v1/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: "Hộp thư của đăng ký / the calling subscription's inbox, newest first (its own bearer token)" })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'before', required: false, description: 'an item id: older items only (paging)' })
  @ApiResponse({
    status: 200,
    schema: {
      example: {
        items: [
          {
            id: '42',
            alertId: 'status_slip:SOC-01:quarter:31120:2025-07:1',
            subject: '[Nghiêm trọng] … / [Critical] …',
            text: '…',
            receivedAt: '2026-11-30T01:00:00.000Z',
          },
        ],
        next: '41',
      },
    },
  })
  @ApiErrorResponses('unauthenticated', 'inbox_not_enabled')
  async read(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const { limit, before } = parseRequest(inboxQuerySchema, query);
    const { items } = orThrow(await this.inbox.read(principal, limit, before));
    return {
      items: items.map((i) => ({
        id: i.id,
        ...(i.alertId ? { alertId: i.alertId } : {}),
        subject: i.subject,
        text: i.body,
        receivedAt: i.createdAt.toISOString(),
      })),
      ...(items.length === limit ? { next: items[items.length - 1].id } : {}),
    };
  }
}
