const REQUIRED_COLUMNS = ['measure', 'unit', 'period', 'value'] as const;

export interface CsvObservationRow {
  /** The data row number, 1-based (the header is row 0), as the contract's `index`. */
  index: number;
  /** The row as an observation item; malformed rows carry `columnError`. */
  item: { measure: string; unit: string; period: string; value: unknown; dimensions?: Record<string, string> };
  columnError?: string;
}

export type CsvParseResult = { ok: true; rows: CsvObservationRow[] } | { ok: false; message: string };

/** RFC 4180 records: commas, double-quoted fields with "" escapes, CRLF or LF line ends. */
function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

function toValue(cell: string): unknown {
  const trimmed = cell.trim();
  // Numbers only in plain decimal notation; anything else goes on as text and is rejected as invalid_value.
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Reads `measure,unit,period,value[,<dimension>…]` CSV into observation items, row by row. */
export function parseObservationsCsv(text: string): CsvParseResult {
  const records = parseRecords(text.replace(/^\uFEFF/, ''));
  if (records.length === 0) return { ok: false, message: 'Tệp CSV rỗng / empty CSV' };
  const header = records[0].map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return { ok: false, message: `Thiếu cột / missing columns: ${missing.join(', ')} (header: measure,unit,period,value[,dimension…])` };
  }
  if (new Set(header).size !== header.length) return { ok: false, message: 'Tên cột bị trùng / duplicate column names' };
  const position = Object.fromEntries(header.map((name, i) => [name, i]));
  const dimensionColumns = header.filter((h) => !(REQUIRED_COLUMNS as readonly string[]).includes(h));

  const rows = records.slice(1).map((record, i): CsvObservationRow => {
    const cell = (name: string) => (record[position[name]] ?? '').trim();
    const dimensions = Object.fromEntries(dimensionColumns.map((d) => [d, cell(d)]).filter(([, v]) => v !== ''));
    const item = {
      measure: cell('measure'),
      unit: cell('unit'),
      period: cell('period'),
      value: toValue(record[position.value] ?? ''),
      ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    };
    const columnError =
      record.length !== header.length
        ? `Dòng có ${record.length} cột, tiêu đề có ${header.length} / row has ${record.length} columns, the header ${header.length}`
        : undefined;
    return { index: i + 1, item, ...(columnError ? { columnError } : {}) };
  });
  return { ok: true, rows };
}
