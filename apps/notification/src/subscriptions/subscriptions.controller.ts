import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import { ApiErrorResponses, parseRequest } from '@dx/platform';

import { orThrow } from '../http/api-errors.util';
import { AdminGuard } from './admin.guard';
import { createSubscriptionSchema, subscriptionIdSchema } from './subscription-request.schema';
import { subscriptionView } from './subscription.type';
import { SubscriptionsService } from './subscriptions.service';

const EXAMPLE = {
  name: 'Sở Thông tin và Truyền thông — theo dõi toàn thành phố',
  email: 'cds@cantho.gov.vn',
  webhook: { url: 'https://ioc.cantho.gov.vn/hooks/dx', secret: 'a-long-shared-secret-0123456789' },
  inbox: true,
  scope: { units: ['92'], includeDescendants: true, pillars: ['society'], indicators: ['SOC-01'] },
  minSeverity: 'warning',
};

@ApiTags('Đăng ký nhận cảnh báo / Subscriptions')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Tạo đăng ký / create a subscription',
    description:
      "Units are read in the hierarchy version of each alert's period; each code must exist in at least one loaded version. " +
      "The answer carries the subscription's bearer token (for GET /v1/inbox, GET /v1/alerts and acknowledging) once; it is stored as a hash. " +
      'The webhook secret is stored encrypted and never returned.',
  })
  @ApiBody({ schema: { type: 'object', required: ['name', 'scope', 'minSeverity'], example: EXAMPLE } })
  @ApiResponse({
    status: 201,
    schema: { example: { id: '0b7e…', ...EXAMPLE, webhook: { url: EXAMPLE.webhook.url }, createdAt: '2026-11-30T01:00:00.000Z', token: 'dxs_…' } },
  })
  @ApiErrorResponses('invalid_request', 'malformed_json', 'unauthenticated', 'forbidden', 'invalid_scope')
  async create(@Body() body: unknown) {
    const created = orThrow(await this.subscriptions.create(parseRequest(createSubscriptionSchema, body)));
    return { ...subscriptionView(created.subscription), token: created.token };
  }

  @Get()
  @ApiOperation({ summary: 'Danh sách đăng ký / list subscriptions (never secrets or tokens)' })
  async list() {
    return { items: (await this.subscriptions.list()).map(subscriptionView) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một đăng ký / one subscription' })
  @ApiErrorResponses('subscription_not_found')
  async get(@Param('id') id: string) {
    return subscriptionView(orThrow(await this.subscriptions.get(parseRequest(subscriptionIdSchema, id))).subscription);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Xoá đăng ký / delete a subscription (its token stops working, pending deliveries are cancelled)' })
  @ApiResponse({ status: 204 })
  @ApiErrorResponses('subscription_not_found')
  async delete(@Param('id') id: string): Promise<void> {
    orThrow(await this.subscriptions.delete(parseRequest(subscriptionIdSchema, id)));
  }
}
