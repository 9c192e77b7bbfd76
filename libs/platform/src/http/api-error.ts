import { HttpStatus } from '@nestjs/common';

import { API_ERROR_STATUS, ApiErrorCode, DomainError } from '@dx/contracts';

export interface ApiErrorDetail {
  [key: string]: unknown;
}

/** An error answered to a client as `{"error": {"code", "message", "details"}}` (contract.md "Errors"). */
export class ApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static badRequest(code: ApiErrorCode, message: string, details: ApiErrorDetail[] = []): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, code, message, details);
  }
  static unauthenticated(message = 'Thiếu hoặc sai thông tin xác thực / missing or invalid credentials'): ApiError {
    return new ApiError(HttpStatus.UNAUTHORIZED, 'unauthenticated', message, [], { 'WWW-Authenticate': 'Bearer' });
  }
  static forbidden(message = 'Không có quyền / not allowed'): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, 'forbidden', message);
  }
  static notFound(message = 'Không tìm thấy / not found'): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', message);
  }
  static unavailable(retryAfterSeconds = 5): ApiError {
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'unavailable',
      'Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại / service temporarily unavailable, please retry',
      [],
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
  static rateLimited(retryAfterSeconds: number): ApiError {
    return new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'rate_limited', 'Quá nhiều yêu cầu / too many requests', [], {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }

  /** The answer to a use case's refusal: the status its code is answered with, the reason in both languages. */
  static ofDomain(error: DomainError): ApiError {
    return new ApiError(API_ERROR_STATUS[error.code], error.code, error.message, [...error.details]);
  }

  toBody(): { error: { code: ApiErrorCode; message: string; details: ApiErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}
