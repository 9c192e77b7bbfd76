import { Controller, Get, Headers, HttpStatus, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';

import { ApiError, ApiErrorResponses, parseRequest, textParameter } from '@dx/platform';

import { AgencyGuard, CurrentAgency } from '../auth/auth.guards';
import { PrincipalThrottlerGuard } from '../auth/principal-throttler.guard';
import { ReportingAgency } from '../auth/principal.type';
import { FindSubmissionService } from './find-submission.service';
import { ListObservationsService } from './list-observations.service';
import { parseObservationsCsv } from './observation-csv.util';
import { SubmitObservationsCommand, SubmitObservationsService } from './submit-observations.service';

export const MAX_OBSERVATIONS_PER_REQUEST = 10_000;

const observationsBodySchema = z.object({
  observations: z.array(z.unknown()).min(1).max(MAX_OBSERVATIONS_PER_REQUEST),
});

// Path and query parameters are checked before any query: malformed is a 400 naming them, never a 500.
const submissionParamsSchema = z.object({ submissionId: z.uuid() });
const listQuerySchema = z.object({
  measure: textParameter(100).optional(),
  unit: textParameter(20).optional(),
  period: textParameter(20).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key: 1–200 visible ASCII characters');

const ANSWER_EXAMPLE = {
  submissionId: '3f2a6c1e-5b7d-4e0f-9a41-2d8c7b6e5f10',
  accepted: 1,
  revised: 0,
  unchanged: 0,
  rejected: [{ index: 1, code: 'unknown_unit', message: 'Không có đơn vị hành chính "99999" / no administrative unit "99999"' }],
};

@ApiTags('Tiếp nhận số liệu / Ingestion')
@ApiBearerAuth()
@UseGuards(AgencyGuard, PrincipalThrottlerGuard)
@Controller('v1')
export class ObservationsController {
  constructor(
    private readonly submit: SubmitObservationsService,
    private readonly findSubmission: FindSubmissionService,
    private readonly listObservations: ListObservationsService,
  ) {}

  @Post('observations')
  @ApiOperation({ summary: 'Gửi số liệu / submit observations (up to 10,000, each checked on its own)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'A retry with the same key and body returns the first answer, doing nothing again; the same key with another body is a 422 idempotency_key_reused',
  })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'check and answer, store and publish nothing' })
  @ApiBody({
    schema: {
      example: {
        observations: [
          { measure: 'households.fibre', unit: '31117', period: '2025-06', value: 4210 },
          { measure: 'grdp.digital', unit: '92', period: '2024', value: 18250.5, dimensions: { sector: 'industry' } },
        ],
      },
    },
  })
  @ApiResponse({ status: 202, description: 'accepted (some items may be rejected)', schema: { example: ANSWER_EXAMPLE } })
  @ApiResponse({
    status: 422,
    description: 'every item was rejected (same body as 202), or idempotency_key_reused: the key was used for a different request',
    schema: { example: { ...ANSWER_EXAMPLE, accepted: 0 } },
  })
  @ApiErrorResponses('malformed_json', 'invalid_request', 'unauthenticated', 'forbidden', 'payload_too_large', 'rate_limited', 'unavailable')
  async submitJson(
    @CurrentAgency() agency: ReportingAgency,
    @Req() request: Request,
    @Res() response: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Query('dryRun') dryRun?: string,
  ): Promise<void> {
    if (!request.is('application/json')) {
      throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Cần application/json / expected application/json');
    }
    const body = parseRequest(observationsBodySchema, request.body);
    await this.submitItems(response, { agency, channel: 'http', items: body.observations.map((item, index) => ({ index, item })) }, idempotencyKey, dryRun);
  }

  @Post('observations.csv')
  @ApiOperation({ summary: 'Gửi số liệu dạng CSV / submit observations as CSV (header measure,unit,period,value[,dimension…])' })
  @ApiConsumes('text/csv')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'shared with the JSON endpoint: the same key with another body is a 422' })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiBody({
    schema: { type: 'string', example: 'measure,unit,period,value,sector\nhouseholds.fibre,31117,2025-06,4210,\ngrdp.digital,92,2024,18250.5,industry\n' },
  })
  @ApiResponse({ status: 202, description: '`index` is the data row number, 1-based', schema: { example: ANSWER_EXAMPLE } })
  @ApiResponse({ status: 422, description: 'every row was rejected, or idempotency_key_reused' })
  @ApiErrorResponses('invalid_request', 'invalid_csv', 'unauthenticated', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'unavailable')
  async submitCsv(
    @CurrentAgency() agency: ReportingAgency,
    @Req() request: Request,
    @Res() response: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Query('dryRun') dryRun?: string,
  ): Promise<void> {
    if (typeof request.body !== 'string') {
      throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Cần text/csv / expected text/csv');
    }
    const parsed = parseObservationsCsv(request.body);
    if (!parsed.ok) throw ApiError.badRequest('invalid_csv', parsed.message);
    if (parsed.rows.length === 0 || parsed.rows.length > MAX_OBSERVATIONS_PER_REQUEST) {
      throw ApiError.badRequest('invalid_request', `Cần 1–${MAX_OBSERVATIONS_PER_REQUEST} dòng / expected 1–${MAX_OBSERVATIONS_PER_REQUEST} rows`);
    }
    const items = parsed.rows.map(({ index, item, columnError }) => ({
      index,
      item,
      ...(columnError ? { rejection: { code: 'invalid_value' as const, message: columnError } } : {}),
    }));
    await this.submitItems(response, { agency, channel: 'csv', items }, idempotencyKey, dryRun);
  }

  @Get('submissions/:submissionId')
  @ApiOperation({ summary: 'Xem lại kết quả một lần gửi / the answer to a submission again (own submissions only)' })
  @ApiResponse({ status: 200, schema: { example: ANSWER_EXAMPLE } })
  @ApiParam({ name: 'submissionId', format: 'uuid' })
  @ApiErrorResponses('invalid_request', 'not_found')
  async submission(@CurrentAgency() agency: ReportingAgency, @Param() params: unknown) {
    const { submissionId } = parseRequest(submissionParamsSchema, params);
    const answer = await this.findSubmission.execute(agency.code, submissionId);
    if (!answer) throw ApiError.notFound('Không có lần gửi này / no such submission');
    return answer;
  }

  @Get('observations')
  @ApiOperation({ summary: 'Số liệu hiện hành của cơ quan và lịch sử sửa đổi / the agency’s current values with their revisions' })
  @ApiQuery({ name: 'measure', required: false })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'period', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'at most 1000 (default 100)' })
  @ApiErrorResponses('invalid_request')
  async list(@CurrentAgency() agency: ReportingAgency, @Query() query: unknown) {
    const { limit, ...filter } = parseRequest(listQuerySchema, query);
    return { observations: await this.listObservations.execute(agency.code, filter, limit) };
  }

  private idempotencyKey(header: string | undefined): string | undefined {
    return header === undefined ? undefined : parseRequest(idempotencyKeySchema, header);
  }

  private dryRun(value: string | undefined): boolean {
    if (value === undefined || value === 'false') return false;
    if (value === 'true' || value === '') return true;
    throw ApiError.badRequest('invalid_request', 'dryRun: true or false');
  }

  private async submitItems(
    response: Response,
    command: Pick<SubmitObservationsCommand, 'agency' | 'channel' | 'items'>,
    idempotencyKey: string | undefined,
    dryRun: string | undefined,
  ): Promise<void> {
    const outcome = await this.submit.execute({ ...command, idempotencyKey: this.idempotencyKey(idempotencyKey), dryRun: this.dryRun(dryRun) });
    response.status(outcome.status).json(outcome.answer);
  }
}
