/**
 * Every `code` an HTTP error body may carry (contract.md "Errors"), each with the one status it is
 * answered with: a use case names the code, and the status follows from this table alone.
 * WARNING: on the wire; clients match on these strings. Add a code, never rename or re-purpose one.
 */
export const API_ERROR_STATUS = {
  // Any service (the platform's own answers)
  bad_request: 400,
  invalid_request: 400,
  malformed_json: 400,
  too_deep: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  // Ingestion
  invalid_csv: 400,
  invalid_hierarchy: 422,
  invalid_targets: 422,
  idempotency_key_reused: 422,
  // Notification
  invalid_acknowledgement: 400,
  inbox_not_enabled: 403,
  out_of_scope: 403,
  subscription_not_found: 404,
  alert_not_found: 404,
  alert_resolved: 409,
  invalid_scope: 422,
  webhook_not_allowed: 422,
  no_channel: 422,
  // Reporting
  invalid_parameter: 400,
  unknown_unit: 404,
  unknown_indicator: 404,
  unknown_version: 404,
  dashboard_not_built: 503,
} as const satisfies Readonly<Record<string, number>>;

/** The code of an HTTP error body: one of `API_ERROR_STATUS`'s keys, so a misspelt code does not compile. */
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** The HTTP status of an error code. */
export function apiErrorStatus(code: ApiErrorCode): number {
  return API_ERROR_STATUS[code];
}
