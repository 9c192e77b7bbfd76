import { IndicatorStatusChangedV1, ReportOverdueV1 } from '@dx/contracts';
import { Catalogue, HierarchyRegistry, periodLastDay, reportDueDate, StatusChange } from '@dx/domain';

/** The domain's StatusChange of a `dx.indicator-status.v1` payload and its CloudEvent id. */
export function toStatusChange(
  data: IndicatorStatusChangedV1 | ReportOverdueV1,
  eventId: string,
  reference: { readonly catalogue: Catalogue; readonly hierarchies: HierarchyRegistry },
): StatusChange {
  // An event from before versions were carried: its unit is read in the version in force for its period.
  const hierarchyVersion = data.hierarchyVersion ?? reference.hierarchies.inForce(data.period).id;
  const common = { unit: data.unit, period: data.period, severity: data.severity, eventId, hierarchyVersion, detectedAt: new Date(data.detectedAt) };
  const catalogue = reference.catalogue;
  if (data.kind === 'overdue' || data.kind === 'overdue_cleared') {
    const measure = catalogue.measure(data.measure);
    // An event without its due date: the catalogue's, else the period's last day (a measure we do not know).
    const dueDate = data.dueDate ?? (measure ? reportDueDate(measure, data.period) : periodLastDay(data.period));
    return { kind: data.kind, measure: data.measure, dueDate, ...common };
  }
  return {
    kind: data.kind,
    indicator: data.indicator,
    status: data.status,
    ...(data.previousStatus !== undefined ? { previousStatus: data.previousStatus } : {}),
    value: data.value ?? null,
    ...(data.previousValue !== undefined ? { previousValue: data.previousValue } : {}),
    ...(data.expected !== undefined ? { expected: data.expected } : {}),
    ...common,
  };
}
