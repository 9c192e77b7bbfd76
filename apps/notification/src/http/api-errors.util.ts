import { HttpStatus } from '@nestjs/common';
import { ApiResponseOptions } from '@nestjs/swagger';

import { ApiError } from '@dx/platform';

import { Outcome, Refusal, RefusalCode } from '../errors/refusal.util';

const STATUS: Readonly<Record<RefusalCode, HttpStatus>> = {
  subscription_not_found: HttpStatus.NOT_FOUND,
  alert_not_found: HttpStatus.NOT_FOUND,
  alert_resolved: HttpStatus.CONFLICT,
  invalid_acknowledgement: HttpStatus.BAD_REQUEST,
  invalid_scope: HttpStatus.UNPROCESSABLE_ENTITY,
  webhook_not_allowed: HttpStatus.UNPROCESSABLE_ENTITY,
  no_channel: HttpStatus.UNPROCESSABLE_ENTITY,
  inbox_not_enabled: HttpStatus.FORBIDDEN,
  out_of_scope: HttpStatus.FORBIDDEN,
};

// The platform's own answers (contract.md "Errors"), for the OpenAPI document.
const PLATFORM_STATUS = {
  invalid_request: HttpStatus.BAD_REQUEST,
  malformed_json: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
} as const;

/** The contract's error body of a refusal. */
export function toApiError(refusal: Refusal): ApiError {
  return new ApiError(STATUS[refusal.code], refusal.code, `${refusal.message.vi} / ${refusal.message.en}`, [...(refusal.details ?? [])]);
}

/** The value of a successful outcome; a refusal is thrown as its HTTP error. */
export function orThrow<T extends object>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw toApiError(outcome);
  return outcome;
}

/** OpenAPI documentation of an error answer, from the same tables as the answers themselves. */
export function errorResponse(code: RefusalCode | keyof typeof PLATFORM_STATUS): ApiResponseOptions {
  const status = code in STATUS ? STATUS[code as RefusalCode] : PLATFORM_STATUS[code as keyof typeof PLATFORM_STATUS];
  return { status, description: code, schema: { example: { error: { code, message: 'tiếng Việt / English', details: [] } } } };
}
