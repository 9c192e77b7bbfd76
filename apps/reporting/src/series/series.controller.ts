import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { SeriesResponse, seriesResponseSchema } from '@dx/contracts';
import { ApiErrorResponses } from '@dx/platform';

import { CACHE_CONTROL } from '../http/cache-control.constant';
import { openApiSchema, REFUSAL_EXAMPLES } from '../http/openapi.util';
import { parseQuery, periodParam, unitParam, versionParam } from '../http/query-params.util';
import { GetSeriesService } from './get-series.service';
import { SERIES_EXAMPLE } from './series-example.constant';

const seriesQuery = z.object({
  unit: unitParam,
  from: periodParam.optional(),
  to: periodParam.optional(),
  frequency: z.enum(['month', 'quarter', 'year'], { error: 'expected month, quarter or year' }).optional(),
  version: versionParam.optional(),
});

@ApiTags('Chuỗi số liệu / Series')
@Controller('v1/indicators/:code/series')
export class SeriesController {
  constructor(private readonly getSeries: GetSeriesService) {}

  @Get()
  @Header('Cache-Control', CACHE_CONTROL.data)
  @ApiOperation({
    summary: 'Chuỗi số liệu của một đơn vị / a unit’s values over time, with the trajectory and targets',
    description:
      '`points` are the published values at `frequency` (default: the indicator’s own); `trajectory` is the expected value at the end of each year from the baseline to the last milestone and `targets` the milestones, so a chart can draw them. Values are those of the unit in `hierarchyVersion` (default: the version in force at `to`, else today).',
  })
  @ApiParam({ name: 'code', example: 'SOC-01' })
  @ApiQuery({ name: 'unit', required: true, example: '916' })
  @ApiQuery({ name: 'from', required: false, example: '2020' })
  @ApiQuery({ name: 'to', required: false, example: '2025-Q2' })
  @ApiQuery({ name: 'frequency', required: false, enum: ['month', 'quarter', 'year'] })
  @ApiQuery({ name: 'version', required: false, example: '2024-11' })
  @ApiOkResponse({ schema: openApiSchema(seriesResponseSchema, SERIES_EXAMPLE) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, REFUSAL_EXAMPLES.unknownIndicator, REFUSAL_EXAMPLES.unknownUnit, 'rate_limited', 'unavailable')
  series(@Param('code') code: string, @Query() query: unknown): Promise<SeriesResponse> {
    return this.getSeries.execute({ code, ...parseQuery(seriesQuery, query) });
  }
}
