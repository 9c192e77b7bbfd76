// Public surface of @dx/domain: pure rules every service calls and none re-implements.
export type { LocalizedText } from './shared/localized-text.type';
export { InvalidDefinitionError } from './shared/invalid-definition.exception';
export type { DefinitionProblem, Validated } from './shared/definition-problem.type';
export { canonicalJson, sameJson } from './shared/canonical-json.util';
export { seededRandom } from './shared/seeded-random.util';

export type { Frequency, Period, PeriodInput } from './periods/period.util';
export {
  EARLIEST_YEAR,
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
export type { TargetChange } from './catalogue/target-change.util';
export { validateTargetChange } from './catalogue/target-change.util';
export { DEFAULT_CATALOGUE } from './catalogue/default-catalogue.constant';
export { PILLARS } from './catalogue/pillars.constant';

export type { AdministrativeUnit, FormedFromPart, HierarchyDefinition, MappedUnit } from './units/unit.type';
export { UnitHierarchy, loadHierarchy } from './units/unit-hierarchy';
export type { Predecessors } from './units/hierarchy-registry';
export { HierarchyRegistry, THREE_LEVEL_VERSION_ID, TWO_LEVEL_VERSION_ID } from './units/hierarchy-registry';
export type { AppliedChange, IndicatorTargets, ReferenceChange, ReferenceData, ReferencePayload } from './reference/reference-data';
export { applyReferenceChange, CurrentReferenceData, defaultReferenceData, indicatorTargets, referenceChangeOf } from './reference/reference-data';

export type { Dimensions, Observation } from './observations/observation.type';
export { dimensionsKey, observationKey, reportKey } from './observations/observation-key.util';
export { FactSet } from './observations/fact-set';
export type { AgencyScope, ObservationCheck, ObservationCheckContext, RejectionCode } from './observations/check-observation.util';
export { agencyMayReport, checkObservation, measurePatternMatches } from './observations/check-observation.util';

export type { Status, TargetRef } from './targets/target.util';
export { applicableTarget, expectedValue, meetsTarget, milestonesFor, progressRatio, statusOf, targetRef } from './targets/target.util';

export type { Coverage, IndicatorValue, IndicatorValueRef, ValueQuality } from './computation/indicator-value.type';
export { computeAll, computeIndicator, computeIndicators, publishedFrequencies } from './computation/compute-indicator.util';
export { affectedIndicatorValues } from './computation/affected-indicator-values.util';
export { hierarchyChangeReach } from './computation/hierarchy-change-reach.util';
export type { FactScope } from './computation/fact-scope.util';
export { factScope } from './computation/fact-scope.util';
export type { PublishedValue, ComparableSeriesPoint } from './computation/comparable-series.util';
export { comparableSeries } from './computation/comparable-series.util';

export type { OverdueEvent, Severity, StatusEvent } from './slips/slip.util';
export { describeSlip, detectSlips, overdueReports } from './slips/slip.util';

export type {
  Alert,
  AlertDecision,
  AlertHistoryEntry,
  AlertInput,
  AlertKey,
  AlertKind,
  AlertLifecycleEvent,
  AlertRejection,
  AlertResolution,
  AlertState,
  AlertTimers,
  NotificationOrder,
  NotificationReason,
  StatusChange,
} from './alerts/alert.type';
export type { AlertPolicy } from './alerts/alert-policy.type';
export { DEFAULT_ALERT_POLICY } from './alerts/default-alert-policy.constant';
export { alertId, alertKeyOf, alertKeyText, alertKindOf } from './alerts/alert-key.util';
export type { AlertContext } from './alerts/alert-lifecycle.util';
export { audienceOf, decideAlert, nextDueAt, shouldDeliver } from './alerts/alert-lifecycle.util';
export type { InhibitionTarget } from './alerts/inhibition.util';
export { inhibits, isInhibitor } from './alerts/inhibition.util';
export { higherSeverity, SEVERITIES, severityAtLeast } from './alerts/severity.util';
export type { DeliveryWindow } from './alerts/delivery-window.util';
export { deliveryTime, isQuiet, nextAllowedInstant } from './alerts/delivery-window.util';
export { DEFAULT_DELIVERY_WINDOW } from './alerts/default-delivery-window.constant';
export type { ExtraHoliday, LunarHolidayRule, PublicHolidayRules, SolarHolidayRule } from './alerts/public-holidays.util';
export { publicHolidayName, publicHolidays } from './alerts/public-holidays.util';
export { VIETNAM_PUBLIC_HOLIDAYS } from './alerts/vietnam-public-holidays.constant';
export type { LunarDate } from './alerts/lunar-calendar.util';
export { fromLunarDate, lunarNewYear, toLunarDate, VIETNAM_CALENDAR_TIME_ZONE } from './alerts/lunar-calendar.util';
export type {
  AlertChannel,
  AlertRecipient,
  AlertSubscription,
  RoutingContext,
  ScopeProblem,
  SubscriptionScope,
  WebhookEvent,
} from './alerts/alert-routing.util';
export { checkSubscriptionScope, coversSubject, coversUnit, recipientsOf, webhookEventOf } from './alerts/alert-routing.util';
export type { WebhookRetryDecision, WebhookRetryPolicy } from './alerts/webhook-retry.util';
export { nextWebhookAttempt } from './alerts/webhook-retry.util';
export { WEBHOOK_RETRY_POLICY } from './alerts/webhook-retry-policy.constant';
export { formatIndicatorValue, formatVietnamDate, formatVietnamTime, SEVERITY_NAMES } from './alerts/alert-format.util';
export type { ComposedMessage, MessageContext } from './alerts/alert-message.util';
export { alertMessage, bilingualText, notificationMessage, unitLabel, unitName } from './alerts/alert-message.util';
export type { BehindUnit, CommuneRanking, WeeklyDigest, WeeklyDigestInput } from './alerts/weekly-digest.util';
export { buildWeeklyDigest, nextWeeklyDigestAt, weeklyDigestMessage, weeklyDigestWindow } from './alerts/weekly-digest.util';
export type { Projection, TrendPoint, TrendOptions } from './projection/project-trend.util';
export { naturalBounds, projectToNextMilestone, projectTrend } from './projection/project-trend.util';

export type { RankCandidate, RankedUnit } from './ranking/rank-units.util';
export { compareUnitCodes, rankUnits } from './ranking/rank-units.util';
// Month arithmetic for ordering and windows of periods (reporting's series and projections).
export { endMonth } from './periods/period.util';
