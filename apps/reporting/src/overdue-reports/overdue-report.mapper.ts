import { OverdueReportView, ReportOverdueV1 } from '@dx/contracts';
import { Catalogue } from '@dx/domain';

/** The one mapper from a `report overdue` / `overdue cleared` event to reporting's overdue report. */
export function toOverdueReportView(
  data: ReportOverdueV1,
  versionOf: (event: { period: string; hierarchyVersion?: string }) => string,
  catalogue: Catalogue,
  unitName: (version: string, code: string) => string | undefined,
): OverdueReportView {
  const hierarchyVersion = versionOf(data);
  // The schema refuses an overdue event without its measure; the type only lags behind (issue 9).
  const measure = data.measure ?? '';
  return {
    measure,
    measureName: catalogue.measure(measure)?.name ?? { vi: measure, en: measure },
    unit: data.unit,
    unitName: unitName(hierarchyVersion, data.unit) ?? null,
    period: data.period,
    hierarchyVersion,
    dueDate: data.dueDate ?? null,
    severity: data.severity,
    detectedAt: data.detectedAt,
  };
}
