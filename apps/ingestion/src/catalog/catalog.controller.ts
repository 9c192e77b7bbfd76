import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';

import { ApiError } from '@dx/platform';

import { AdminGuard } from '../auth/auth.guards';
import { ReferenceDataService } from './reference-data.service';

@ApiTags('Quản trị / Admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('v1')
export class CatalogController {
  constructor(private readonly reference: ReferenceDataService) {}

  @Get('catalog')
  @ApiOperation({ summary: 'Danh mục số liệu, chỉ tiêu và mục tiêu / measures, indicators and targets' })
  catalog() {
    return this.reference.catalogue.toDefinition();
  }

  @Get('units')
  @ApiOperation({ summary: 'Đơn vị hành chính theo phiên bản / administrative units of a hierarchy version' })
  @ApiQuery({ name: 'version', required: false, description: '2024-11 (default, in force) or 2025-07' })
  units(@Query('version') version?: string) {
    const hierarchy = version ? this.reference.hierarchies.version(version) : this.reference.hierarchies.inForce(new Date().getFullYear().toString());
    if (!hierarchy) throw ApiError.notFound(`Không có phiên bản ${version} / no hierarchy version ${version}`);
    return {
      version: hierarchy.id,
      effectiveFrom: hierarchy.effectiveFrom,
      active: this.reference.hierarchies.isActive(hierarchy.id),
      units: hierarchy.units,
    };
  }
}
