import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses } from '@dx/platform';

import { CACHE_CONTROL } from '../http/cache-control.constant';
import { REFUSAL_EXAMPLES } from '../http/openapi.util';
import { parseQuery, scorecardQuery } from '../http/query-params.util';
import { ExportFormat, ExportScorecardService } from './export-scorecard.service';

@ApiTags('Xuất dữ liệu / Exports')
@Controller('v1/exports')
export class ExportsController {
  constructor(private readonly exportScorecard: ExportScorecardService) {}

  @Get('scorecard.csv')
  @ApiOperation({ summary: 'Bảng điểm dạng CSV / the scorecard as CSV (UTF-8, Vietnamese header row)' })
  @ApiProduces('text/csv')
  @ApiQuery({ name: 'unit', required: true, example: '92' })
  @ApiQuery({ name: 'period', required: true, example: '2025' })
  @ApiQuery({ name: 'version', required: false })
  @ApiOkResponse({ schema: { type: 'string', example: 'Mã đơn vị,Tên đơn vị,…\n92,Thành phố Cần Thơ,…' } })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, REFUSAL_EXAMPLES.unknownUnit, 'rate_limited', 'unavailable')
  csv(@Query() query: unknown, @Res() res: Response): Promise<void> {
    return this.send('csv', query, res);
  }

  @Get('scorecard.xlsx')
  @ApiOperation({ summary: 'Bảng điểm dạng Excel / the scorecard as XLSX (Vietnamese headers, English in the second header row)' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiQuery({ name: 'unit', required: true, example: '92' })
  @ApiQuery({ name: 'period', required: true, example: '2025' })
  @ApiQuery({ name: 'version', required: false })
  @ApiOkResponse({ description: 'an XLSX workbook with one sheet, "Bảng điểm"' })
  @ApiErrorResponses(REFUSAL_EXAMPLES.invalidParameter, REFUSAL_EXAMPLES.unknownUnit, 'rate_limited', 'unavailable')
  xlsx(@Query() query: unknown, @Res() res: Response): Promise<void> {
    return this.send('xlsx', query, res);
  }

  // Files are sent by hand (Nest would serialise a Buffer as JSON); express's send still answers 304.
  private async send(format: ExportFormat, query: unknown, res: Response): Promise<void> {
    const file = await this.exportScorecard.execute(parseQuery(scorecardQuery, query), format);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', CACHE_CONTROL.data);
    res.setHeader('ETag', file.etag);
    res.send(file.body);
  }
}
