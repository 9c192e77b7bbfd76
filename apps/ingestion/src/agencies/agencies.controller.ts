import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { ApiErrorResponses, parseRequest } from '@dx/platform';

import { AdminGuard } from '../auth/auth.guards';
import { PrincipalThrottlerGuard } from '../auth/principal-throttler.guard';
import { agencyCodeSchema, AgenciesService, createAgencySchema } from './agencies.service';

// Checked before any query: a malformed parameter is a 400 naming it, never a database error.
const agencyParamsSchema = z.object({ code: agencyCodeSchema });
const keyParamsSchema = z.object({ code: agencyCodeSchema, keyId: z.uuid() });

@ApiTags('Quản trị / Admin')
@ApiBearerAuth()
@UseGuards(AdminGuard, PrincipalThrottlerGuard)
@Controller('v1/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Post()
  @ApiOperation({ summary: 'Tạo cơ quan báo cáo / create a reporting agency (the API key is shown once)' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['code', 'name', 'measures', 'units'],
      properties: {
        code: { type: 'string' },
        name: { type: 'string' },
        measures: { type: 'array', items: { type: 'string' } },
        units: { type: 'array', items: { type: 'string' } },
      },
      example: { code: 'vnpt-cantho', name: 'VNPT Cần Thơ', measures: ['households.*', 'fibre.available'], units: ['92'] },
    },
  })
  @ApiResponse({
    status: 201,
    schema: {
      example: {
        code: 'vnpt-cantho',
        name: 'VNPT Cần Thơ',
        measures: ['households.*', 'fibre.available'],
        units: ['92'],
        createdAt: '2026-11-27T08:00:00.000Z',
        apiKey: 'dxk_…',
        keyId: '6f1c…',
      },
    },
  })
  @ApiErrorResponses('invalid_request', 'unauthenticated', 'forbidden')
  @ApiResponse({ status: 409, description: 'conflict: the code is taken' })
  create(@Body() body: unknown) {
    return this.agencies.create(parseRequest(createAgencySchema, body));
  }

  @Get()
  @ApiOperation({ summary: 'Danh sách cơ quan và khoá / agencies and their keys (never the keys themselves)' })
  list() {
    return this.agencies.list();
  }

  @Post(':code/keys')
  @ApiOperation({ summary: 'Cấp khoá mới / issue a new key (rotation: the old one works until revoked)' })
  @ApiResponse({ status: 201, schema: { example: { apiKey: 'dxk_…', keyId: '0b7e…' } } })
  @ApiParam({ name: 'code', example: 'vnpt-cantho' })
  @ApiErrorResponses('invalid_request', 'not_found')
  rotate(@Param() params: unknown) {
    return this.agencies.rotateKey(parseRequest(agencyParamsSchema, params).code);
  }

  @Delete(':code/keys/:keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Thu hồi khoá / revoke a key' })
  @ApiResponse({ status: 204 })
  @ApiParam({ name: 'code', example: 'vnpt-cantho' })
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @ApiErrorResponses('invalid_request', 'not_found')
  async revoke(@Param() params: unknown): Promise<void> {
    const { code, keyId } = parseRequest(keyParamsSchema, params);
    await this.agencies.revokeKey(code, keyId);
  }
}
