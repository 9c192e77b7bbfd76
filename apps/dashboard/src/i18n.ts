export type Lang = 'vi' | 'en';

// Every label of the dashboard, Vietnamese first.
export const LABELS = {
  title: { vi: 'Giám sát chuyển đổi số thành phố Cần Thơ', en: 'Can Tho digital-transformation monitoring' },
  skip: { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to main content' },
  overview: { vi: 'Tổng quan', en: 'Overview' },
  alertsNav: { vi: 'Cảnh báo', en: 'Alerts' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  languageLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  synthetic: {
    vi: 'Dữ liệu mô phỏng: các số liệu trên trang này là số liệu tổng hợp để trình diễn, không phải số liệu thống kê chính thức.',
    en: 'Synthetic data: the numbers on this page are made up for the demo, not official statistics.',
  },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  chooseUnit: { vi: 'Chọn đơn vị', en: 'Choose a unit' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  value: { vi: 'Giá trị', en: 'Value' },
  target: { vi: 'Mục tiêu', en: 'Target' },
  expected: { vi: 'Kỳ vọng', en: 'Expected' },
  status: { vi: 'Trạng thái', en: 'Status' },
  coverage: { vi: 'Đơn vị báo cáo', en: 'Coverage' },
  updated: { vi: 'Cập nhật', en: 'Updated' },
  projection: { vi: 'Dự báo theo đà hiện tại', en: 'On the current pace' },
  onPace: { vi: 'Theo đà này: {value} năm {year}', en: 'On this pace {value} in {year}' },
  noProjection: { vi: 'Chưa đủ số liệu', en: 'Not enough data' },
  rank: { vi: 'Hạng', en: 'Rank' },
  ranking: { vi: 'Xếp hạng các đơn vị trực thuộc', en: 'Ranking of the units below' },
  behind: { vi: 'Đơn vị chậm tiến độ', en: 'Units behind' },
  series: { vi: 'Diễn biến theo thời gian', en: 'Over time' },
  trajectory: { vi: 'Lộ trình', en: 'Trajectory' },
  targetYear: { vi: 'Mục tiêu {year}', en: 'Target {year}' },
  actual: { vi: 'Giá trị thực tế', en: 'Actual value' },
  formerUnit: { vi: 'Trước sắp xếp (đơn vị cũ)', en: 'Before the reorganisation (former unit)' },
  reorganisation: { vi: 'Sắp xếp đơn vị hành chính 07/2025', en: 'Reorganisation 07/2025' },
  reorganisationNote: {
    vi: 'Từ 01/07/2025 Cần Thơ được sắp xếp lại (không còn cấp huyện, sáp nhập Hậu Giang và Sóc Trăng). Số liệu trước mốc này là của đơn vị cũ cùng mã và chỉ so sánh được gần đúng.',
    en: 'From 1 July 2025 Can Tho was reorganised (no districts; merged with Hậu Giang and Sóc Trăng). Values before that date are the former unit’s with the same code and are comparable only approximately.',
  },
  openAlerts: { vi: 'Cảnh báo đang mở', en: 'Open alerts' },
  overdueReports: { vi: 'Báo cáo quá hạn', en: 'Overdue reports' },
  none: { vi: 'Không có', en: 'None' },
  noData: { vi: 'Chưa có số liệu', en: 'No data' },
  measure: { vi: 'Số liệu', en: 'Measure' },
  dueDate: { vi: 'Hạn báo cáo', en: 'Due' },
  severity: { vi: 'Mức độ', en: 'Severity' },
  message: { vi: 'Nội dung', en: 'Message' },
  firedAt: { vi: 'Thời điểm', en: 'Fired' },
  seeAll: { vi: 'Xem tất cả', en: 'See all' },
  live: { vi: 'Cập nhật trực tiếp', en: 'Live' },
  updatedLive: { vi: 'Đã cập nhật số liệu mới lúc {time}', en: 'New values received at {time}' },
  chartLabel: {
    vi: 'Biểu đồ {indicator} của {unit}: giá trị thực tế, lộ trình và mục tiêu',
    en: 'Chart of {indicator} for {unit}: actual values, trajectory and targets',
  },
  version: { vi: 'Phiên bản đơn vị hành chính', en: 'Hierarchy version' },
  notFound: { vi: 'Không tìm thấy', en: 'Not found' },
  error: { vi: 'Không tải được dữ liệu. Vui lòng thử lại.', en: 'Could not load the data. Please try again.' },
  approximate: { vi: 'gần đúng', en: 'approximate' },
} as const;

export const STATUS_TEXT = {
  achieved: { vi: 'Đã đạt', en: 'Achieved' },
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ chậm', en: 'At risk' },
  off_track: { vi: 'Chậm tiến độ', en: 'Off track' },
  no_data: { vi: 'Chưa có số liệu', en: 'No data' },
} as const;

export const SEVERITY_TEXT = {
  info: { vi: 'Thông tin', en: 'Info' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  critical: { vi: 'Nghiêm trọng', en: 'Critical' },
} as const;

export type Label = keyof typeof LABELS;

/** A label in `lang`, with `{name}` placeholders filled. */
export function t(lang: Lang, label: Label, values: Record<string, string | number> = {}): string {
  return LABELS[label][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The language of a URL: `?lang=en` for English, Vietnamese otherwise. */
export function langOf(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'vi';
}
