import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';

import { GetScorecardService, ScorecardQuery } from '../scorecard/get-scorecard.service';
import { SCORECARD_COLUMNS, scorecardRows } from './scorecard-sheet.util';

export type ExportFormat = 'csv' | 'xlsx';

export interface ScorecardExport {
  body: Buffer;
  contentType: string;
  fileName: string;
  /** From the scorecard's content: the same data gives the same tag, whatever bytes the writer makes. */
  etag: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The scorecard as a file: CSV with a Vietnamese header row; XLSX with Vietnamese headers and English
 * in the second header row. Both written with exceljs; every text cell is neutralised against formulas.
 */
@Injectable()
export class ExportScorecardService {
  constructor(private readonly getScorecard: GetScorecardService) {}

  async execute(query: ScorecardQuery, format: ExportFormat): Promise<ScorecardExport> {
    const scorecard = await this.getScorecard.execute(query);
    const rows = scorecardRows(scorecard);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Cần Thơ DX monitoring';
    const sheet = workbook.addWorksheet('Bảng điểm');
    sheet.addRow(SCORECARD_COLUMNS.map((c) => c.vi));
    let body: Buffer;
    if (format === 'xlsx') {
      const english = sheet.addRow(SCORECARD_COLUMNS.map((c) => c.en));
      english.font = { italic: true };
      sheet.getRow(1).font = { bold: true };
      sheet.views = [{ state: 'frozen', ySplit: 2 }];
      sheet.addRows(rows);
      sheet.columns.forEach((column) => (column.width = 16));
      body = Buffer.from(await workbook.xlsx.writeBuffer());
    } else {
      // Empty cells written out, so that every line has every column.
      sheet.addRows(rows.map((row) => row.map((cell) => cell ?? '')));
      // A byte-order mark: Excel then reads the Vietnamese text as UTF-8.
      body = Buffer.concat([Buffer.from('\ufeff', 'utf8'), Buffer.from(await workbook.csv.writeBuffer())]);
    }
    const digest = createHash('sha1').update(format).update(JSON.stringify(scorecard)).digest('base64url');
    return {
      body,
      contentType: CONTENT_TYPES[format],
      fileName: `scorecard-${scorecard.unit}-${scorecard.period}-${scorecard.hierarchyVersion}.${format}`,
      etag: `W/"${digest}"`,
    };
  }
}
