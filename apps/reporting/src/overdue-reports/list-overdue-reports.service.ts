import { Injectable } from '@nestjs/common';

import { OverdueReportsResponse } from '@dx/contracts';

import { OverdueReportsRepository } from './overdue-reports.repository';

/** Reports past their due day that have not arrived, the longest overdue first. */
@Injectable()
export class ListOverdueReportsService {
  constructor(private readonly overdue: OverdueReportsRepository) {}

  async execute(query: { unit?: string; measure?: string; limit: number }): Promise<OverdueReportsResponse> {
    return { reports: await this.overdue.list(query) };
  }
}
