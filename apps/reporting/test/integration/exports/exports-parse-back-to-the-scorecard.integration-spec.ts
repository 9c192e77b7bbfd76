import ExcelJS from 'exceljs';
import request from 'supertest';

import { scorecardResponseSchema } from '@dx/contracts';
import { aComputedValue, ReportingFixture, startReportingFixture } from '../support/reporting-harness.util';

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

// RFC 4180 fields (quoted fields may hold commas and doubled quotes); enough to read our export back.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

describe('Scorecard exports', () => {
  let reporting: ReportingFixture;

  beforeAll(async () => {
    reporting = await startReportingFixture('exports');
    await reporting.feed.values([
      aComputedValue({ indicator: 'SOC-01', unit: '92', period: '2024', value: 84.5, numerator: 169000, denominator: 200000, status: 'at_risk', expected: 86 }),
      aComputedValue({
        indicator: 'ECO-02',
        unit: '92',
        period: '2024',
        value: -1.5,
        numerator: undefined,
        denominator: undefined,
        target: { year: 2024, op: '>=', value: 7 },
        expected: 7,
        status: 'off_track',
      }),
      aComputedValue({
        indicator: 'OVR-01',
        unit: '92',
        period: '2024',
        value: 9,
        numerator: undefined,
        denominator: undefined,
        target: { year: 2025, op: '<=', value: 10 },
        expected: 10,
        status: 'achieved',
      }),
    ]);
    await reporting.untilCounts({ indicator_value: 3 });
  });

  afterAll(async () => {
    await reporting?.close();
  });

  async function scorecard() {
    return scorecardResponseSchema.parse((await request(reporting.http).get('/v1/scorecard?unit=92&period=2024')).body);
  }

  it('should parse the CSV back to the scorecard, Vietnamese header first', async () => {
    const response = await request(reporting.http).get('/v1/exports/scorecard.csv?unit=92&period=2024');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="scorecard-92-2024-2024-11.csv"');
    expect(response.text.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = parseCsv(response.text.slice(1)).filter((r) => r.length > 1);
    expect(header.slice(0, 8)).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Phiên bản đơn vị hành chính', 'Kỳ', 'Mã chỉ tiêu', 'Trụ cột', 'Tên chỉ tiêu', 'Giá trị']);
    const card = await scorecard();
    expect(rows).toHaveLength(card.indicators.length);
    const column = (name: string) => header.indexOf(name);
    for (const entry of card.indicators) {
      const row = rows.find((r) => r[column('Mã chỉ tiêu')] === entry.code) as string[];
      expect(row[column('Tên đơn vị')]).toBe('Thành phố Cần Thơ');
      expect(row[column('Giá trị')] === '' ? null : Number(row[column('Giá trị')])).toBe(entry.value);
      expect(row[column('Trạng thái')]).toBe(entry.status);
      expect(row).toHaveLength(header.length);
    }
  });

  it('should parse the XLSX back with Vietnamese headers and English in the second header row', async () => {
    const response = await request(reporting.http).get('/v1/exports/scorecard.xlsx?unit=92&period=2024').buffer(true).parse(binary);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.getWorksheet('Bảng điểm') as ExcelJS.Worksheet;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1).slice(0, 2)).toEqual(['Mã đơn vị', 'Tên đơn vị']);
    expect(values(2).slice(0, 2)).toEqual(['Unit code', 'Unit']);
    const header = values(2);
    const card = await scorecard();
    expect(sheet.rowCount).toBe(2 + card.indicators.length);
    for (let r = 3; r <= sheet.rowCount; r += 1) {
      const row = values(r);
      const entry = card.indicators.find((i) => i.code === row[header.indexOf('Indicator code')]);
      expect(entry).toBeDefined();
      // Numbers are numeric cells (a negative growth stays a number, not neutralised text).
      expect(row[header.indexOf('Value')] ?? null).toBe(entry?.value);
      expect(row[header.indexOf('Status')]).toBe(entry?.status);
    }
    const eco02 = (sheet.getRows(3, sheet.rowCount - 2) ?? []).find((r) => r.getCell(header.indexOf('Indicator code') + 1).value === 'ECO-02');
    expect(eco02?.getCell(header.indexOf('Value') + 1).type).toBe(ExcelJS.ValueType.Number);
    // No text cell of the sheet can run as a formula.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type === ExcelJS.ValueType.String && /^[=+\-@]/.test(String(cell.value))).toBe(false)));
  });
});
