import { ScorecardResponse } from '@dx/contracts';
import { PILLARS } from '@dx/domain';

type Cell = string | number | null;

/** A column of the scorecard exports: Vietnamese header, English header, and the cell of an entry. */
interface Column {
  vi: string;
  en: string;
  cell: (scorecard: ScorecardResponse, entry: ScorecardResponse['indicators'][number]) => Cell;
}

// The columns of GET /v1/scorecard, in its order, with the unit and period on every row.
export const SCORECARD_COLUMNS: readonly Column[] = [
  { vi: 'Mã đơn vị', en: 'Unit code', cell: (s) => s.unit },
  { vi: 'Tên đơn vị', en: 'Unit', cell: (s) => s.unitName },
  { vi: 'Phiên bản đơn vị hành chính', en: 'Hierarchy version', cell: (s) => s.hierarchyVersion },
  { vi: 'Kỳ', en: 'Period', cell: (s) => s.period },
  { vi: 'Mã chỉ tiêu', en: 'Indicator code', cell: (_s, e) => e.code },
  { vi: 'Trụ cột', en: 'Pillar', cell: (_s, e) => PILLARS[e.pillar].vi },
  { vi: 'Tên chỉ tiêu', en: 'Indicator', cell: (_s, e) => e.name.vi },
  { vi: 'Giá trị', en: 'Value', cell: (_s, e) => e.value },
  { vi: 'Tử số', en: 'Numerator', cell: (_s, e) => e.numerator ?? null },
  { vi: 'Mẫu số', en: 'Denominator', cell: (_s, e) => e.denominator ?? null },
  { vi: 'Năm mục tiêu', en: 'Target year', cell: (_s, e) => e.target?.year ?? null },
  { vi: 'Phép so sánh', en: 'Comparator', cell: (_s, e) => e.target?.op ?? null },
  { vi: 'Giá trị mục tiêu', en: 'Target value', cell: (_s, e) => e.target?.value ?? null },
  { vi: 'Giá trị kỳ vọng', en: 'Expected value', cell: (_s, e) => e.expected ?? null },
  { vi: 'Trạng thái', en: 'Status', cell: (_s, e) => e.status },
  { vi: 'Tỷ lệ tiến độ', en: 'Progress ratio', cell: (_s, e) => e.progress ?? null },
  { vi: 'Số đơn vị đã báo cáo', en: 'Units reported', cell: (_s, e) => e.coverage.reported },
  { vi: 'Số đơn vị phải báo cáo', en: 'Units expected', cell: (_s, e) => e.coverage.expected },
  { vi: 'Năm dự báo', en: 'Projection year', cell: (_s, e) => e.projection?.year ?? null },
  { vi: 'Dự báo theo xu hướng', en: 'Projected value', cell: (_s, e) => e.projection?.value ?? null },
  { vi: 'Cập nhật lúc', en: 'Updated at', cell: (_s, e) => e.updatedAt },
];

// OWASP "CSV injection": text a spreadsheet would run as a formula starts with one of these.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet could take for a formula gets a leading apostrophe; numbers stay numbers. */
export function neutralise(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The data rows of a scorecard, one per indicator, every text cell neutralised. */
export function scorecardRows(scorecard: ScorecardResponse): Cell[][] {
  return scorecard.indicators.map((entry) => SCORECARD_COLUMNS.map((column) => neutralise(column.cell(scorecard, entry))));
}
