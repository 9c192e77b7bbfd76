import { Severity } from '../slips/slip.util';

/** Severities from the least to the most urgent. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

/** True when `severity` is `minimum` or more urgent. */
export function severityAtLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minimum);
}

/** The more urgent of two severities. */
export function higherSeverity(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
}
