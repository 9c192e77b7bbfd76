import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { indicatorCodeSchema, measureCodeSchema, unitCodeSchema } from '@dx/contracts';
import { ApiErrorResponses, parseRequest } from '@dx/platform';

import { orThrow } from '../../http/api-errors.util';
import { textInput } from '../../http/text-input.schema';
import { ReferenceDataService } from '../../reference/reference-data.service';
import { Principal } from '../../subscriptions/credentials.service';
import { CurrentPrincipal } from '../../subscriptions/principal.decorator';
import { SubscriberGuard } from '../../subscriptions/subscriber.guard';
import { AcknowledgeAlertService } from '../acknowledge-alert/acknowledge-alert.service';
import { alertView } from './alert-view.util';
import { QueryAlertsService } from './query-alerts.service';

const listQuerySchema = z
  .object({
    state: z.enum(['firing', 'acknowledged', 'resolved']).optional(),
    unit: unitCodeSchema.optional(),
    indicator: indicatorCodeSchema.optional(),
    measure: measureCodeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .refine((q) => !(q.indicator && q.measure), { message: 'indicator and measure exclude each other', path: ['measure'] });

const alertIdSchema = textInput(300).pipe(z.string().min(1));

const acknowledgeSchema = z
  .object({
    by: textInput(200).pipe(z.string().trim().min(1)),
    note: textInput(2_000, { multiline: true }).optional(),
  })
  .strict();

const ALERT_EXAMPLE = {
  id: 'status_slip:SOC-01:quarter:31120:2025-07:1',
  kind: 'status_slip',
  indicator: 'SOC-01',
  unit: '31120',
  unitName: 'Phường Cái Khế',
  hierarchyVersion: '2025-07',
  frequency: 'quarter',
  period: '2025-Q3',
  severity: 'critical',
  state: 'firing',
  status: 'off_track',
  previousStatus: 'on_track',
  value: 61.5,
  expected: 88,
  message: {
    vi: 'SOC-01 … — Phường Cái Khế (31120), kỳ 2025-Q3: từ "đúng tiến độ" chuyển sang "chậm tiến độ" …',
    en: 'SOC-01 … — Phường Cái Khế (31120), 2025-Q3: from "on track" now "off track" …',
  },
  firedAt: '2026-11-30T01:00:00.000Z',
  escalationLevel: 0,
  nextTimerAt: '2026-11-30T13:00:00.000Z',
};

@ApiTags('Cảnh báo / Alerts')
@ApiBearerAuth()
@UseGuards(SubscriberGuard)
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly query: QueryAlertsService,
    private readonly acknowledgeAlert: AcknowledgeAlertService,
    private readonly reference: ReferenceDataService,
  ) {}

  @Get()
  @ApiOperation({ summary: "Danh sách cảnh báo / alerts, most recently fired first (admin: all; a subscription's token: those in its scope)" })
  @ApiQuery({ name: 'state', required: false, enum: ['firing', 'acknowledged', 'resolved'] })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'indicator', required: false })
  @ApiQuery({ name: 'measure', required: false, description: 'overdue reports of this measure' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiResponse({ status: 200, schema: { example: { items: [ALERT_EXAMPLE], next: 100 } } })
  @ApiErrorResponses('invalid_request', 'unauthenticated')
  async list(@CurrentPrincipal() principal: Principal, @Query() rawQuery: unknown) {
    const query = parseRequest(listQuerySchema, rawQuery);
    const filter = {
      ...(query.state ? { state: query.state } : {}),
      ...(query.unit ? { unit: query.unit } : {}),
      ...(query.indicator || query.measure ? { subject: query.indicator ?? query.measure } : {}),
    };
    return this.query.list(principal, filter, query.limit, query.offset);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Một cảnh báo và toàn bộ diễn biến / one alert with its full history (fired, notified whom over which channel with which result, acknowledged, escalated, resolved)',
  })
  @ApiResponse({
    status: 200,
    schema: {
      example: { ...ALERT_EXAMPLE, history: [{ type: 'fired', at: '2026-11-30T01:00:00.000Z', severity: 'critical', period: '2025-Q3', eventId: '…' }] },
    },
  })
  @ApiErrorResponses('alert_not_found', 'out_of_scope')
  async detail(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return orThrow(await this.query.detail(principal, parseRequest(alertIdSchema, id))).view;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Xác nhận cảnh báo / acknowledge: stops reminders and escalation until it resolves (admin, or a subscription whose scope covers it)',
  })
  @ApiBody({
    schema: { type: 'object', required: ['by'], example: { by: 'Nguyễn Văn An (Sở TT&TT)', note: 'Đã liên hệ phường, sẽ cập nhật số liệu trong tuần' } },
  })
  @ApiResponse({ status: 200, schema: { example: { ...ALERT_EXAMPLE, state: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An (Sở TT&TT)' } } })
  @ApiErrorResponses('invalid_request', 'alert_not_found', 'alert_resolved', 'out_of_scope')
  async acknowledge(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    const alertId = parseRequest(alertIdSchema, id);
    const { by, note } = parseRequest(acknowledgeSchema, body);
    const { alert } = orThrow(await this.acknowledgeAlert.execute(principal, alertId, by, note));
    return alertView(alert, this.reference.messages);
  }
}
