// Public surface of @dx/domain: pure rules every service calls and none re-implements.
export type { LocalizedText } from './shared/localized-text.type';
export { InvalidDefinitionError } from './shared/invalid-definition.exception';

export type { Frequency, Period, PeriodInput } from './periods/period.util';
export {
  FREQUENCIES,
  InvalidPeriodError,
  coarserPeriods,
  contains,
  finerPeriods,
  formatPeriod,
  isCoarser,
  isFuture,
  isOverdue,
  parsePeriod,
  periodEnd,
  periodLastDay,
  periodStart,
  periodsBetween,
  previousPeriod,
  reportDueDate,
  sameSpanLastYear,
  shiftPeriod,
  toPeriod,
} from './periods/period.util';

export type {
  CatalogueDefinition,
  Comparator,
  Formula,
  Indicator,
  IndicatorDefinition,
  Measure,
  MeasureKind,
  MeasureUnit,
  PillarCode,
  Target,
  TargetDefinition,
  UnitLevel,
  ValueRange,
} from './catalogue/catalogue.type';
export { Catalogue, loadCatalogue, withTargets } from './catalogue/catalogue';
export { DEFAULT_CATALOGUE } from './catalogue/default-catalogue.constant';
export { PILLARS } from './catalogue/pillars.constant';

export type { AdministrativeUnit, FormedFromPart, HierarchyDefinition, MappedUnit } from './units/unit.type';
export { UnitHierarchy, loadHierarchy } from './units/unit-hierarchy';
export { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from './units/hierarchy-registry';

export type { Dimensions, Observation } from './observations/observation.type';
export { dimensionsKey, observationKey } from './observations/observation-key.util';
export { FactSet } from './observations/fact-set';
export type { AgencyScope, ObservationCheck, ObservationCheckContext, RejectionCode } from './observations/check-observation.util';
export { agencyMayReport, checkObservation, measurePatternMatches } from './observations/check-observation.util';

export type { Status, TargetRef } from './targets/target.util';
export { applicableTarget, expectedValue, meetsTarget, progressRatio, statusOf, targetRef } from './targets/target.util';

export type { Coverage, IndicatorValue, IndicatorValueRef } from './computation/indicator-value.type';
export { computeAll, computeIndicator, computeIndicators, publishedFrequencies } from './computation/compute-indicator.util';
export { affectedIndicatorValues } from './computation/affected-indicator-values.util';

export type { OverdueEvent, Severity, StatusEvent } from './slips/slip.util';
export { describeSlip, detectSlips, overdueReports } from './slips/slip.util';
