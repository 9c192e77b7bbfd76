import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiError, APP_CONFIG } from '@dx/platform';

import { ReportingConfig } from '../config/reporting.config';
import { DashboardFiles, findDashboardFiles } from './dashboard-files.util';

const YEAR_SECONDS = 365 * 24 * 3600;
// The page itself is revalidated every time (it names the current assets); assets never change.
const PAGE_CACHE = 'no-cache';

/**
 * The dashboard at `/`: one page for every dashboard URL (the browser renders the route), and its
 * fingerprinted assets with a year of caching. Built by `nx run dashboard:build`; no CDN.
 */
@ApiExcludeController()
@Controller()
export class DashboardController {
  private files?: DashboardFiles;
  private scannedAt = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<ReportingConfig, 'REPORTING_DASHBOARD_DIR'>) {}

  @Get(['', 'units/:code', 'indicators/:code', 'alerts'])
  page(@Res() res: Response): void {
    const files = this.built();
    res.setHeader('Cache-Control', PAGE_CACHE);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(files.indexHtml, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    let path = this.built().assets.get(file);
    // A dashboard rebuilt while the service runs has new asset names: look again, at most every 5 s.
    if (!path && Date.now() - this.scannedAt > 5_000) path = this.built(true).assets.get(file);
    if (!path) throw ApiError.notFound();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(path, { maxAge: YEAR_SECONDS * 1000, immutable: true });
  }

  // Looked up on first use (and again for an unknown asset), so a dashboard built later is found.
  private built(rescan = false): DashboardFiles {
    if (!this.files || rescan) {
      this.files = findDashboardFiles(this.config.REPORTING_DASHBOARD_DIR);
      this.scannedAt = Date.now();
    }
    if (!this.files) {
      throw new ApiError(
        503,
        'dashboard_not_built',
        'Bảng điều khiển chưa được dựng: chạy npx nx run dashboard:build / the dashboard is not built: run npx nx run dashboard:build',
        [],
        {
          'Retry-After': '30',
        },
      );
    }
    return this.files;
  }
}
