import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Observable, throwError } from 'rxjs';

import { ApiErrorCode, DomainError } from '@dx/contracts';
import { isTransientError } from '@dx/messaging';

import { AppLogger } from '../logging/logger';
import { ApiError } from './api-error';

const CODE_BY_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'rate_limited',
};

/**
 * Maps any error to the contract's error body: the one place where a use case's refusal (a `DomainError`)
 * becomes an HTTP answer. A dependency outage is 503, never 500.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return ApiError.ofDomain(error);
  // express body-parser errors carry a `type` and a status
  const parserError = error as { type?: unknown; status?: unknown };
  if (parserError?.type === 'entity.parse.failed') {
    return ApiError.badRequest('malformed_json', 'JSON không hợp lệ / malformed JSON');
  }
  if (parserError?.type === 'entity.too.large') {
    return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', 'Nội dung quá lớn / request body too large');
  }
  if (parserError?.type === 'encoding.unsupported' || parserError?.type === 'charset.unsupported') {
    return new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_media_type', 'Bảng mã không hỗ trợ / unsupported encoding');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return new ApiError(status, CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'), error.message);
  }
  if (isTransientError(error)) return ApiError.unavailable();
  return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, 'internal_error', 'Lỗi hệ thống / internal error');
}

/** Answers with the contract's error body and the error's headers (Retry-After, WWW-Authenticate). */
export function sendApiError(response: Response, error: ApiError): void {
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  response.status(error.status).json(error.toBody());
}

/**
 * The HTTP answer to any error of a request. HTTP only: an error of another context (a Kafka handler) is
 * rethrown as it is, for the consumer's failure policy alone to classify (libs/messaging, ADR 0003).
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: AppLogger,
    /** Whether the database answers: an unclassified failure while it does not is an outage (503). */
    private readonly databaseAnswers?: () => Promise<boolean>,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> | Promise<void> {
    if (host.getType() !== 'http') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const error = toApiError(exception);
    if (error.status === 500 && this.databaseAnswers) {
      return this.databaseAnswers().then((up) => this.respond(up ? error : ApiError.unavailable(), exception, request, response));
    }
    this.respond(error, exception, request, response);
  }

  private respond(error: ApiError, exception: unknown, request: Request, response: Response): void {
    if (error.status >= 500) {
      this.logger.error({ err: exception, method: request.method, path: request.path, code: error.code }, 'request failed');
    }
    sendApiError(response, error);
  }
}

/** For errors raised before Nest's router (body parsing): same body as the filter. */
export function apiErrorMiddleware(logger: AppLogger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const apiError = toApiError(error);
    if (apiError.status >= 500) logger.error({ err: error, path: req.path }, 'request failed');
    sendApiError(res, apiError);
  };
}
