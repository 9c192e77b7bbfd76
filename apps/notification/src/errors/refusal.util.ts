import { ApiErrorCode } from '@dx/contracts';
import { LocalizedText } from '@dx/domain';

/** Every refusal code of this service's use cases: HTTP error codes that clients match on (API_ERROR_STATUS). */
export type RefusalCode = Extract<
  ApiErrorCode,
  | 'subscription_not_found'
  | 'alert_not_found'
  | 'alert_resolved'
  | 'invalid_acknowledgement'
  | 'invalid_scope'
  | 'webhook_not_allowed'
  | 'no_channel'
  | 'inbox_not_enabled'
  | 'out_of_scope'
>;

/** A use case's "no", as a value (style C8: a domain rejection is a result, not an exception). */
export interface Refusal<TCode extends RefusalCode = RefusalCode> {
  readonly ok: false;
  readonly code: TCode;
  readonly message: LocalizedText;
  readonly details?: readonly Record<string, unknown>[];
}

export type Outcome<T extends object, TCode extends RefusalCode = RefusalCode> = ({ readonly ok: true } & T) | Refusal<TCode>;

export function refuse<TCode extends RefusalCode>(code: TCode, message: LocalizedText, details?: readonly Record<string, unknown>[]): Refusal<TCode> {
  return { ok: false, code, message, ...(details ? { details } : {}) };
}
