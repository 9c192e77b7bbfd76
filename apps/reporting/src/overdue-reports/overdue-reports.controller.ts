import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { OverdueReportsResponse, overdueReportsResponseSchema } from '@dx/contracts';
import { ApiErrorResponses } from '@dx/platform';

import { CACHE_CONTROL } from '../http/cache-control.constant';
import { openApiSchema, REFUSAL_EXAMPLES } from '../http/openapi.util';
import { limitParam, parseQuery, unitParam } from '../http/query-params.util';
import { ListOverdueReportsService } from './list-overdue-reports.service';

const overdueQuery = z.object({
  unit: unitParam.optional(),
  measure: z
    .string()
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, 'expected a measure code such as households.fibre')
    .optional(),
  limit: limitParam(1000, 100),
});

const EXAMPLE: OverdueReportsResponse = {
  reports: [
    {
      measure: 'households.fibre',
      measureName: { vi: 'Số hộ gia đình có thuê bao cáp quang', en: 'Households with a fibre subscription' },
      unit: '31117',
      unitName: 'Phường Cái Khế',
      period: '2025-Q2',
      hierarchyVersion: '2024-11',
      dueDate: '2025-07-15',
      severity: 'warning',
      detectedAt: '2025-07-16T00:00:05.000Z',
    },
  ],
};

@ApiTags('Báo cáo quá hạn / Overdue reports')
@Controller('v1/overdue-reports')
export class OverdueReportsController {
  constructor(private readonly listOverdue: ListOverdueReportsService) {}

  @Get()
  @Header('Cache-Control', CACHE_CONTROL.data)
  @ApiOperation({ summary: 'Báo cáo quá hạn / reports past their due day that have not arrived (earliest due first)' })
  @ApiQuery({ name: 'unit', required: false, example: '31117' })
  @ApiQuery({ name: 'measure', required: false, example: 'households.fibre' })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  @ApiOkResponse({ schema: openApiSchema(overdueReportsResponseSchema, EXAMPLE) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, 'rate_limited', 'unavailable')
  list(@Query() query: unknown): Promise<OverdueReportsResponse> {
    return this.listOverdue.execute(parseQuery(overdueQuery, query));
  }
}
