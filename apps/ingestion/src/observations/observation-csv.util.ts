import { CsvError, parse } from 'csv-parse/sync';

const REQUIRED_COLUMNS = ['measure', 'unit', 'period', 'value'] as const;

// The catalogue allows at most one dimension per measure: a few dimension columns cover any file that mixes
// measures; more is a mistake or an attack (every row would be walked column by column).
export const MAX_DIMENSION_COLUMNS = 8;
// A line holding more separators than this is refused before its fields pile up (a header of 40,000 empty
// names is a few bytes per column); rows with a few extra fields are still rejected one by one.
const MAX_FIELDS_PER_LINE = 64;
// Characters of one record's fields (csv-parse's `max_record_size`): generous for a dozen short cells.
export const MAX_LINE_CHARACTERS = 4_096;
// No cell of ours (codes, periods, numbers, dimension values) comes near it.
export const MAX_CELL_CHARACTERS = 256;

export interface CsvObservationRow {
  /** The data row number, 1-based (the header is row 0), as the contract's `index`. */
  index: number;
  /** The row as an observation item; malformed rows carry `columnError`. */
  item: { measure: string; unit: string; period: string; value: unknown; dimensions?: Record<string, string> };
  columnError?: string;
}

export type CsvParseResult = { ok: true; rows: CsvObservationRow[] } | { ok: false; message: string };

class TooManyFields extends Error {
  constructor(readonly line: number) {
    super('too many fields');
  }
}

function unreadable(error: unknown): string {
  if (error instanceof TooManyFields) {
    return `Dòng ${error.line} có quá ${MAX_FIELDS_PER_LINE} cột / line ${error.line} has more than ${MAX_FIELDS_PER_LINE} columns`;
  }
  if (!(error instanceof CsvError)) throw error;
  // The parser's own messages quote the input; ours name the line only.
  const line = typeof error['lines'] === 'number' ? error['lines'] : undefined;
  const at = line === undefined ? { vi: '', en: '' } : { vi: ` ở dòng ${line}`, en: ` at line ${line}` };
  switch (error.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return `Dòng dài quá ${MAX_LINE_CHARACTERS} ký tự${at.vi} / line longer than ${MAX_LINE_CHARACTERS} characters${at.en}`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return `Dấu ngoặc kép không được đóng${at.vi} / unclosed quote${at.en}`;
    default:
      return `CSV không hợp lệ${at.vi} / malformed CSV${at.en}`;
  }
}

/** RFC 4180 records (commas, double-quoted fields with "" escapes, CRLF, LF or CR line ends), bounded. */
function parseRecords(text: string): { ok: true; records: string[][] } | { ok: false; message: string } {
  try {
    const records: string[][] = parse(text, {
      bom: true,
      relax_column_count: true,
      // A quote inside an unquoted field is a character like any other.
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_LINE_CHARACTERS,
      cast: (value, context) => {
        if (context.index >= MAX_FIELDS_PER_LINE) throw new TooManyFields(context.lines);
        return value;
      },
    });
    return { ok: true, records: records.filter((r) => !(r.length === 1 && r[0].trim() === '')) };
  } catch (error) {
    return { ok: false, message: unreadable(error) };
  }
}

function toValue(cell: string): unknown {
  const trimmed = cell.trim();
  // Numbers only in plain decimal notation; anything else goes on as text and is rejected as invalid_value.
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Reads `measure,unit,period,value[,<dimension>…]` CSV into observation items, row by row, in time linear
 * in the text: lines, fields and dimension columns are bounded, and a file over a bound is refused whole.
 */
export function parseObservationsCsv(text: string): CsvParseResult {
  const parsed = parseRecords(text);
  if (!parsed.ok) return parsed;
  const { records } = parsed;
  if (records.length === 0) return { ok: false, message: 'Tệp CSV rỗng / empty CSV' };
  const header = records[0].map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return { ok: false, message: `Thiếu cột / missing columns: ${missing.join(', ')} (header: measure,unit,period,value[,dimension…])` };
  }
  if (new Set(header).size !== header.length) return { ok: false, message: 'Tên cột bị trùng / duplicate column names' };
  const dimensionColumns = header.map((name, position) => ({ name, position })).filter(({ name }) => !(REQUIRED_COLUMNS as readonly string[]).includes(name));
  if (dimensionColumns.length > MAX_DIMENSION_COLUMNS) {
    return {
      ok: false,
      message: `Quá nhiều cột phân tổ: ${dimensionColumns.length}, tối đa ${MAX_DIMENSION_COLUMNS} / too many dimension columns: ${dimensionColumns.length}, at most ${MAX_DIMENSION_COLUMNS}`,
    };
  }
  const position = Object.fromEntries(header.map((name, i) => [name, i]));

  const rows = records.slice(1).map((record, i): CsvObservationRow => {
    const cell = (at: number) => (record[at] ?? '').trim();
    // Only the row's non-empty cells; a header name such as `__proto__` stays an ordinary key.
    const dimensions: Record<string, string> = Object.fromEntries(
      dimensionColumns.map(({ name, position: at }) => [name, cell(at)] as const).filter(([, value]) => value !== ''),
    );
    const item = {
      measure: cell(position.measure),
      unit: cell(position.unit),
      period: cell(position.period),
      value: toValue(record[position.value] ?? ''),
      ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    };
    return { index: i + 1, item, ...rowProblem(record, header.length) };
  });
  return { ok: true, rows };
}

function rowProblem(record: string[], columns: number): { columnError?: string } {
  if (record.length !== columns) {
    return { columnError: `Dòng có ${record.length} cột, tiêu đề có ${columns} / row has ${record.length} columns, the header ${columns}` };
  }
  if (record.some((cell) => cell.length > MAX_CELL_CHARACTERS)) {
    return { columnError: `Ô dài quá ${MAX_CELL_CHARACTERS} ký tự / a cell longer than ${MAX_CELL_CHARACTERS} characters` };
  }
  return {};
}
