import { Dimensions } from './observation.type';

/**
 * Canonical key of (measure, unit, period, dimensions), e.g. `grdp.digital/92/2024?sector=industry`.
 * Dimensions are sorted and URI-encoded, so equal coordinates give equal keys: the same key with the
 * same value is a no-op re-send, with another value a revision.
 */
export function observationKey(o: { measure: string; unit: string; period: string; dimensions?: Dimensions }): string {
  const dims = dimensionsKey(o.dimensions);
  return `${o.measure}/${o.unit}/${o.period}${dims ? `?${dims}` : ''}`;
}

/**
 * Key of what a unit reports: a measure for a period (`households.total/31117/2025-Q1`), whatever the
 * dimensions, which is the observation key of the coordinates without them. A report is overdue, or
 * arrives, or a value changes at these coordinates.
 */
export function reportKey(r: { measure: string; unit: string; period: string }): string {
  return observationKey({ measure: r.measure, unit: r.unit, period: r.period });
}

/** Canonical text of dimensions (`sector=industry`), empty for none. */
export function dimensionsKey(dimensions: Dimensions | undefined): string {
  if (!dimensions) return '';
  return Object.keys(dimensions)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(dimensions[k])}`)
    .join('&');
}
