import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { RankingResponse, rankingResponseSchema } from '@dx/contracts';
import { ApiErrorResponses } from '@dx/platform';

import { CACHE_CONTROL } from '../http/cache-control.constant';
import { openApiSchema, REFUSAL_EXAMPLES } from '../http/openapi.util';
import { parseQuery, periodParam, unitParam, versionParam } from '../http/query-params.util';
import { GetRankingService } from './get-ranking.service';

const rankingQuery = z.object({ parent: unitParam, period: periodParam, version: versionParam.optional() });

const EXAMPLE: RankingResponse = {
  indicator: 'SOC-01',
  parent: '916',
  parentName: 'Quận Ninh Kiều',
  period: '2025-Q2',
  hierarchyVersion: '2024-11',
  higherIsBetter: true,
  units: [
    { rank: 1, unit: '31117', name: 'Phường Cái Khế', level: 3, value: 92, status: 'achieved', expected: 88.7, coverage: { reported: 1, expected: 1 } },
    { rank: 2, unit: '31120', name: 'Phường An Hòa', level: 3, value: 81.5, status: 'off_track', expected: 88.7, coverage: { reported: 1, expected: 1 } },
    { rank: null, unit: '31123', name: 'Phường Thới Bình', level: 3, value: null, status: 'no_data', coverage: { reported: 0, expected: 0 } },
  ],
};

@ApiTags('Xếp hạng / Ranking')
@Controller('v1/indicators/:code/ranking')
export class RankingController {
  constructor(private readonly getRanking: GetRankingService) {}

  @Get()
  @Header('Cache-Control', CACHE_CONTROL.data)
  @ApiOperation({
    summary: 'Xếp hạng các đơn vị trực thuộc / the parent’s child units, best first',
    description:
      'Highest value first, or lowest where lower is better (a rank such as OVR-01). Equal values share a rank and are listed by unit code; units without a value come last with `rank: null`.',
  })
  @ApiParam({ name: 'code', example: 'SOC-01' })
  @ApiQuery({ name: 'parent', required: true, example: '916' })
  @ApiQuery({ name: 'period', required: true, example: '2025-Q2' })
  @ApiQuery({ name: 'version', required: false, example: '2024-11' })
  @ApiOkResponse({ schema: openApiSchema(rankingResponseSchema, EXAMPLE) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, REFUSAL_EXAMPLES.unknownIndicator, REFUSAL_EXAMPLES.unknownUnit, 'rate_limited', 'unavailable')
  ranking(@Param('code') code: string, @Query() query: unknown): Promise<RankingResponse> {
    return this.getRanking.execute({ code, ...parseQuery(rankingQuery, query) });
  }
}
