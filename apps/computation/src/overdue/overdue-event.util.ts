import { OutgoingEvent } from '@dx/messaging';
import { ProducedReportOverdueV1, ReportOverdueV1 } from '@dx/contracts';
import { OverdueEvent } from '@dx/domain';

/** The `report overdue` message of a domain overdue event. */
export function toReportOverdue(event: OverdueEvent, detectedAt: Date): OutgoingEvent<ProducedReportOverdueV1> {
  return {
    contract: ReportOverdueV1,
    data: {
      kind: event.kind,
      measure: event.measure,
      unit: event.unit,
      period: event.period,
      dueDate: event.dueDate,
      severity: event.severity,
      hierarchyVersion: event.hierarchyVersion,
      detectedAt: detectedAt.toISOString(),
    },
  };
}
