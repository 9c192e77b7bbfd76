import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ScorecardResponse, scorecardResponseSchema } from '@dx/contracts';
import { ApiErrorResponses } from '@dx/platform';

import { CACHE_CONTROL } from '../http/cache-control.constant';
import { openApiSchema, REFUSAL_EXAMPLES } from '../http/openapi.util';
import { parseQuery, scorecardQuery } from '../http/query-params.util';
import { GetScorecardService } from './get-scorecard.service';
import { SCORECARD_EXAMPLE } from './scorecard-example.constant';

@ApiTags('Bảng điểm / Scorecard')
@Controller('v1/scorecard')
export class ScorecardController {
  constructor(private readonly getScorecard: GetScorecardService) {}

  @Get()
  @Header('Cache-Control', CACHE_CONTROL.data)
  @ApiOperation({
    summary: 'Bảng điểm của một đơn vị trong một kỳ / every indicator of a unit for a period',
    description:
      'Every indicator computed at the unit’s level; `value: null` with status `no_data` when inputs are missing. `projection` is where the unit ends up at the next milestone on its recent pace. Unit codes are read in the hierarchy version in force for the period unless `version` is given.',
  })
  @ApiQuery({ name: 'unit', required: true, example: '92' })
  @ApiQuery({ name: 'period', required: true, example: '2025', description: 'YYYY, YYYY-Qn or YYYY-MM' })
  @ApiQuery({ name: 'version', required: false, example: '2025-07' })
  @ApiOkResponse({ schema: openApiSchema(scorecardResponseSchema, SCORECARD_EXAMPLE) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, REFUSAL_EXAMPLES.unknownUnit, 'rate_limited', 'unavailable')
  scorecard(@Query() query: unknown): Promise<ScorecardResponse> {
    return this.getScorecard.execute(parseQuery(scorecardQuery, query));
  }
}
