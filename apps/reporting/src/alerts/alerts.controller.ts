import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { AlertsResponse, alertsResponseSchema } from '@dx/contracts';
import { ApiErrorResponses } from '@dx/platform';

import { CACHE_CONTROL } from '../http/cache-control.constant';
import { openApiSchema, REFUSAL_EXAMPLES } from '../http/openapi.util';
import { limitParam, parseQuery, unitParam } from '../http/query-params.util';
import { ListAlertsService } from './list-alerts.service';

const alertsQuery = z.object({
  state: z.enum(['firing', 'acknowledged', 'resolved', 'open'], { error: 'expected firing, acknowledged, resolved or open' }).optional(),
  unit: unitParam.optional(),
  indicator: z
    .string()
    .regex(/^[A-Z]{3}-\d{2}$/, 'expected an indicator code such as GOV-01')
    .optional(),
  limit: limitParam(1000, 100),
});

const EXAMPLE: AlertsResponse = {
  alerts: [
    {
      id: 'a1b2c3',
      kind: 'status_slip',
      state: 'firing',
      indicator: 'SOC-01',
      unit: '31117',
      frequency: 'quarter',
      period: '2025-Q2',
      severity: 'critical',
      status: 'off_track',
      previousStatus: 'on_track',
      value: 71.5,
      expected: 88.7,
      message: { vi: 'SOC-01 … chuyển sang "chậm tiến độ"', en: 'SOC-01 … now "off track"' },
      firedAt: '2025-07-03T08:15:02.000Z',
      escalationLevel: 0,
      changedAt: '2025-07-03T08:15:02.000Z',
      hierarchyVersion: '2024-11',
      updatedAt: '2025-07-03T08:15:03.000Z',
    },
  ],
};

@ApiTags('Cảnh báo / Alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly listAlerts: ListAlertsService) {}

  @Get()
  @Header('Cache-Control', CACHE_CONTROL.data)
  @ApiOperation({ summary: 'Cảnh báo hiện hành / the current alerts as the reporting read model has them (newest first)' })
  @ApiQuery({ name: 'state', required: false, enum: ['firing', 'acknowledged', 'resolved', 'open'], description: '`open` = firing or acknowledged' })
  @ApiQuery({ name: 'unit', required: false, example: '31117' })
  @ApiQuery({ name: 'indicator', required: false, example: 'SOC-01' })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  @ApiOkResponse({ schema: openApiSchema(alertsResponseSchema, EXAMPLE) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, 'rate_limited', 'unavailable')
  list(@Query() query: unknown): Promise<AlertsResponse> {
    return this.listAlerts.execute(parseQuery(alertsQuery, query));
  }
}
