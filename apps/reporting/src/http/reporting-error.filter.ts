import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

import { ApiError } from '@dx/platform';

import { ReportingError, ReportingErrorCode } from '../shared/reporting-error.exception';

const STATUS: Record<ReportingErrorCode, HttpStatus> = {
  invalid_parameter: HttpStatus.BAD_REQUEST,
  unknown_unit: HttpStatus.NOT_FOUND,
  unknown_indicator: HttpStatus.NOT_FOUND,
  unknown_version: HttpStatus.NOT_FOUND,
};

/** The one place a domain error of reporting becomes an HTTP answer with the contract's error body. */
export function toApiError(error: ReportingError): ApiError {
  return new ApiError(STATUS[error.code], error.code, error.message, error.details);
}

@Catch(ReportingError)
export class ReportingErrorFilter implements ExceptionFilter<ReportingError> {
  catch(exception: ReportingError, host: ArgumentsHost): void {
    const error = toApiError(exception);
    host.switchToHttp().getResponse<Response>().status(error.status).json(error.toBody());
  }
}
