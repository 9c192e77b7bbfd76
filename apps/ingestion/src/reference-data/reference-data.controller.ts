import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { AdministrativeUnit, UnitHierarchy } from '@dx/domain';
import { ApiError, ApiErrorResponses, parseRequest, textParameter } from '@dx/platform';

import { AdminGuard } from '../auth/auth.guards';
import { PrincipalThrottlerGuard } from '../auth/principal-throttler.guard';
import { ChangeReferenceDataService } from './change-reference-data.service';
import { ReferenceDataService } from './reference-data.service';

// The request's shape only: what each value means (codes, parents, levels, lineage, targets) the domain
// checks, answering 422 with every reason.
const versionSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'a version id such as 2025-07 (letters, digits, ".", "_", "-"; at most 40)');
const unitCodeSchema = z.string().regex(/^\d{2,5}$/, 'a GSO unit code of 2 to 5 digits');
const unitsQuerySchema = z.object({
  version: versionSchema.optional(),
  level: z.enum(['1', '2', '3']).transform(Number).optional(),
  parent: unitCodeSchema.optional(),
});
const hierarchyBodySchema = z.object({
  effectiveFrom: textParameter(10),
  units: z
    .array(
      z.object({
        code: textParameter(5),
        name: textParameter(200),
        type: textParameter(100).optional(),
        level: z.number(),
        parentCode: textParameter(5).nullable().optional(),
        formedFrom: z
          .array(
            z.object({ code: textParameter(5), name: textParameter(200).optional(), provinceCode: textParameter(2).optional(), whole: z.boolean().optional() }),
          )
          .max(100)
          .optional(),
      }),
    )
    .max(20_000),
  source: textParameter(2000).optional(),
  asOf: textParameter(40).optional(),
});
const targetSchema = z.object({
  kind: z.enum(['milestone', 'floor']),
  year: z.number().int(),
  fromYear: z.number().int().optional(),
  op: z.enum(['>=', '>', '<=', '=']),
  value: z.number(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  unit: unitCodeSchema.optional(),
  hierarchyVersion: versionSchema.optional(),
});
const targetsBodySchema = z.object({
  targets: z.array(targetSchema).max(1000),
  baseline: z.object({ year: z.number().int(), value: z.number().optional() }).optional(),
  tolerance: z.number().optional(),
  regressionThreshold: z.number().optional(),
});
const indicatorParamsSchema = z.object({ indicator: z.string().regex(/^[A-Z]{3}-\d{2}$/, 'an indicator code such as GOV-04') });
const versionParamsSchema = z.object({ version: versionSchema });

const hierarchyExample = {
  effectiveFrom: '2026-01-01',
  source: 'Nghị quyết … / Resolution …',
  units: [
    { code: '92', name: 'Thành phố Cần Thơ', type: 'Thành phố Trung ương', level: 1, parentCode: null },
    { code: '31135', name: 'Phường Ninh Kiều', type: 'Phường', level: 3, parentCode: '92', formedFrom: [{ code: '31135', whole: true }] },
  ],
};
const refusedExample = (code: string, detail: { code: string; entry: string; message: string }) => ({
  status: 422,
  description: `${code}: refused with every reason; nothing stored or published`,
  schema: { example: { error: { code, message: '… không có gì thay đổi / … nothing changed', details: [detail] } } },
});

@ApiTags('Quản trị / Admin')
@ApiBearerAuth()
@UseGuards(AdminGuard, PrincipalThrottlerGuard)
@Controller('v1')
export class ReferenceDataController {
  constructor(
    private readonly reference: ReferenceDataService,
    private readonly changes: ChangeReferenceDataService,
  ) {}

  @Get('catalog')
  @ApiOperation({ summary: 'Danh mục số liệu, chỉ tiêu và mục tiêu / measures, indicators and targets' })
  catalog() {
    return this.reference.catalogue.toDefinition();
  }

  @Put('catalog/targets/:indicator')
  @ApiOperation({
    summary: 'Thay mục tiêu của một chỉ tiêu / replace an indicator’s targets (and baseline, tolerance, regression threshold)',
    description:
      'Thay toàn bộ mục tiêu; giá trị gốc, ngưỡng chấp nhận và ngưỡng suy giảm chỉ đổi khi được gửi. Công bố trên dx.reference.v1; dịch vụ tính toán tính lại các giá trị bị ảnh hưởng. / ' +
      'Replaces every target; baseline, tolerance and regression threshold change only when given. Published on dx.reference.v1; computation recomputes the values it affects.',
  })
  @ApiParam({ name: 'indicator', example: 'GOV-04' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['targets'],
      example: {
        targets: [
          { kind: 'milestone', year: 2025, op: '>=', value: 90, level: 2 },
          { kind: 'milestone', year: 2030, op: '>=', value: 100, level: 3 },
        ],
        tolerance: 5,
        regressionThreshold: 2,
      },
    },
  })
  @ApiResponse({ status: 200, description: 'the indicator as now defined, with its targets' })
  @ApiErrorResponses('invalid_request', 'not_found')
  @ApiResponse(
    refusedExample('invalid_targets', {
      code: 'level_not_in_hierarchy',
      entry: 'target GOV-04 milestone 2030 level 2',
      message:
        'target GOV-04 milestone 2030 level 2: không phiên bản danh mục hành chính nào đã nạp có đơn vị cấp 2 / no loaded hierarchy version has level-2 units',
    }),
  )
  putTargets(@Param() params: unknown, @Body() body: unknown) {
    const { indicator } = parseRequest(indicatorParamsSchema, params);
    return this.changes.putTargets(indicator, parseRequest(targetsBodySchema, body));
  }

  @Get('hierarchies')
  @ApiOperation({ summary: 'Các phiên bản danh mục hành chính đã nạp / the loaded hierarchy versions' })
  @ApiResponse({ status: 200, schema: { example: [{ version: '2025-07', effectiveFrom: '2025-07-01', active: true, units: hierarchyExample.units }] } })
  hierarchies() {
    return this.reference.hierarchies.versions().map((v) => this.describe(v, v.units));
  }

  @Put('hierarchies/:version')
  @ApiOperation({
    summary: 'Nạp hoặc thay một phiên bản danh mục hành chính / load or replace a hierarchy version',
    description:
      'Nội dung như shared/data/*.json cùng effectiveFrom. Kiểm tra: mã không trùng, đơn vị cấp trên tồn tại, cấp, formedFrom nêu đơn vị của phiên bản trước. / ' +
      'The body has the shape of shared/data/*.json plus effectiveFrom. Checked: unique codes, parents that exist, levels, formedFrom naming units of the version before.',
  })
  @ApiParam({ name: 'version', example: '2026-01' })
  @ApiBody({ schema: { type: 'object', required: ['effectiveFrom', 'units'], example: hierarchyExample } })
  @ApiResponse({ status: 200, description: 'the version as loaded' })
  @ApiErrorResponses('invalid_request', 'payload_too_large')
  @ApiResponse(
    refusedExample('invalid_hierarchy', {
      code: 'unknown_parent',
      entry: 'unit 31135',
      message: 'unit 31135: đơn vị cấp trên 916 không có trong phiên bản / parent 916 does not exist in the version',
    }),
  )
  async putHierarchy(@Param() params: unknown, @Body() body: unknown) {
    const { version } = parseRequest(versionParamsSchema, params);
    const { units, ...rest } = parseRequest(hierarchyBodySchema, body);
    const loaded = await this.changes.putHierarchy({ ...rest, id: version, units: units as AdministrativeUnit[] });
    return this.describe(loaded, loaded.units);
  }

  @Get('units')
  @ApiOperation({ summary: 'Đơn vị hành chính theo phiên bản / administrative units of a hierarchy version' })
  @ApiQuery({
    name: 'version',
    required: false,
    description: 'phiên bản, mặc định phiên bản có hiệu lực năm nay / version, by default the one in force this year',
  })
  @ApiQuery({ name: 'level', required: false, enum: ['1', '2', '3'], description: 'cấp / level' })
  @ApiQuery({ name: 'parent', required: false, description: 'mã đơn vị cấp trên trực tiếp / code of the direct parent' })
  @ApiErrorResponses('invalid_request', 'not_found')
  units(@Query() query: unknown) {
    const { version, level, parent } = parseRequest(unitsQuerySchema, query);
    const hierarchies = this.reference.hierarchies;
    const hierarchy = version ? hierarchies.version(version) : hierarchies.inForce(new Date().getFullYear().toString());
    if (!hierarchy) throw ApiError.notFound(`Không có phiên bản ${version} / no hierarchy version ${version}`);
    if (parent !== undefined && !hierarchy.has(parent)) {
      throw ApiError.notFound(`Phiên bản ${hierarchy.id} không có đơn vị ${parent} / version ${hierarchy.id} has no unit ${parent}`);
    }
    const units = hierarchy.units.filter((u) => (level === undefined || u.level === level) && (parent === undefined || u.parentCode === parent));
    return this.describe(hierarchy, units);
  }

  private describe(hierarchy: UnitHierarchy, units: readonly AdministrativeUnit[]) {
    return { version: hierarchy.id, effectiveFrom: hierarchy.effectiveFrom, active: this.reference.hierarchies.isActive(hierarchy.id), units };
  }
}
