import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import {
  aboutResponseSchema,
  AboutResponse,
  IndicatorsResponse,
  indicatorsResponseSchema,
  IndicatorView,
  indicatorViewSchema,
  PeriodsResponse,
  periodsResponseSchema,
  UnitsResponse,
  unitsResponseSchema,
} from '@dx/contracts';
import { UnitLevel } from '@dx/domain';
import { ApiErrorResponses } from '@dx/platform';

import { CACHE_CONTROL } from '../http/cache-control.constant';
import { openApiSchema, REFUSAL_EXAMPLES } from '../http/openapi.util';
import { parseQuery, unitParam, versionParam } from '../http/query-params.util';
import { ReportingError } from '../shared/reporting-error.exception';
import { CatalogueService } from './catalogue.service';
import { ABOUT_EXAMPLE, INDICATORS_EXAMPLE, PERIODS_EXAMPLE, UNITS_EXAMPLE } from './catalogue-examples.constant';

const unitsQuery = z.object({
  version: versionParam.optional(),
  level: z
    .enum(['1', '2', '3'], { error: 'expected 1 (city), 2 (district) or 3 (commune)' })
    .transform((l) => Number(l) as UnitLevel)
    .optional(),
  parent: unitParam.optional(),
});
const versionQuery = z.object({ version: versionParam.optional() });

@ApiTags('Danh mục / Catalogue')
@Controller('v1')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('indicators')
  @Header('Cache-Control', CACHE_CONTROL.reference)
  @ApiOperation({ summary: 'Danh mục chỉ tiêu / the indicators with their pillars and targets' })
  @ApiOkResponse({ schema: openApiSchema(indicatorsResponseSchema, INDICATORS_EXAMPLE) })
  @ApiErrorResponses('rate_limited')
  indicators(): IndicatorsResponse {
    return this.catalogue.indicators();
  }

  @Get('indicators/:code')
  @Header('Cache-Control', CACHE_CONTROL.reference)
  @ApiOperation({ summary: 'Một chỉ tiêu / one indicator' })
  @ApiParam({ name: 'code', example: 'SOC-01' })
  @ApiOkResponse({ schema: openApiSchema(indicatorViewSchema, INDICATORS_EXAMPLE.indicators[0]) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.unknownIndicator, 'rate_limited')
  indicator(@Param('code') code: string): IndicatorView {
    const found = this.catalogue.indicators().indicators.find((i) => i.code === code);
    if (!found) throw ReportingError.unknownIndicator(code);
    return found;
  }

  @Get('units')
  @Header('Cache-Control', CACHE_CONTROL.reference)
  @ApiOperation({ summary: 'Đơn vị hành chính / administrative units of a hierarchy version (default: the one in force today)' })
  @ApiQuery({ name: 'version', required: false, example: '2025-07' })
  @ApiQuery({ name: 'level', required: false, enum: ['1', '2', '3'] })
  @ApiQuery({ name: 'parent', required: false, example: '92', description: 'only the direct children of this unit' })
  @ApiOkResponse({ schema: openApiSchema(unitsResponseSchema, UNITS_EXAMPLE) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, REFUSAL_EXAMPLES.unknownUnit, 'rate_limited')
  units(@Query() query: unknown): UnitsResponse {
    return this.catalogue.units(parseQuery(unitsQuery, query));
  }

  @Get('units/:code')
  @Header('Cache-Control', CACHE_CONTROL.reference)
  @ApiOperation({ summary: 'Một đơn vị / one unit' })
  @ApiParam({ name: 'code', example: '31117' })
  @ApiQuery({ name: 'version', required: false, example: '2024-11' })
  @ApiOkResponse({ schema: openApiSchema(unitsResponseSchema, { ...UNITS_EXAMPLE, units: UNITS_EXAMPLE.units.slice(0, 1) }) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, REFUSAL_EXAMPLES.unknownUnit, 'rate_limited')
  unit(@Param('code') code: string, @Query() query: unknown): UnitsResponse {
    return this.catalogue.unit(code, parseQuery(versionQuery, query).version);
  }

  @Get('units/:code/periods')
  @Header('Cache-Control', CACHE_CONTROL.data)
  @ApiOperation({ summary: 'Các kỳ có số liệu / periods for which the unit has values, newest first' })
  @ApiParam({ name: 'code', example: '92' })
  @ApiQuery({ name: 'version', required: false, example: '2024-11' })
  @ApiOkResponse({ schema: openApiSchema(periodsResponseSchema, PERIODS_EXAMPLE) })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, REFUSAL_EXAMPLES.unknownUnit, 'rate_limited', 'unavailable')
  periods(@Param('code') code: string, @Query() query: unknown): Promise<PeriodsResponse> {
    return this.catalogue.periods(code, parseQuery(versionQuery, query).version);
  }

  @Get('about')
  @Header('Cache-Control', CACHE_CONTROL.data)
  @ApiOperation({ summary: 'Về nền tảng / whether the numbers are synthetic (demo), today, the hierarchy versions' })
  @ApiOkResponse({ schema: openApiSchema(aboutResponseSchema, ABOUT_EXAMPLE) })
  about(): AboutResponse {
    return this.catalogue.about();
  }
}
