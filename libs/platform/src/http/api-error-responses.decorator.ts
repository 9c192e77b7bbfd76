import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

import { ApiErrorCode, DomainError } from '@dx/contracts';

import { ApiError } from './api-error';
import { toApiError } from './api-error.filter';

/** An error answer to document: its code alone, or the very error an endpoint answers with (its message is the example). */
export type DocumentedError = ApiErrorCode | ApiError | DomainError;

// The platform's own answers, made by the code that gives them (body parser errors go through the error filter).
const PLATFORM_EXAMPLES: Partial<Record<ApiErrorCode, ApiError>> = {
  malformed_json: toApiError({ type: 'entity.parse.failed' }),
  invalid_request: ApiError.ofDomain(DomainError.invalidRequest([{ path: 'observations', message: 'expected array' }])),
  unauthenticated: ApiError.unauthenticated(),
  forbidden: ApiError.forbidden(),
  not_found: ApiError.notFound(),
  payload_too_large: toApiError({ type: 'entity.too.large' }),
  rate_limited: ApiError.rateLimited(30),
  unavailable: ApiError.unavailable(),
};

function answerOf(error: DocumentedError): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return ApiError.ofDomain(error);
  return PLATFORM_EXAMPLES[error] ?? ApiError.ofDomain(new DomainError(error, { vi: 'Lý do bằng tiếng Việt', en: 'the reason in English' }));
}

/**
 * Documents the error answers an endpoint can give, each with the status the error filter answers its code
 * with (API_ERROR_STATUS) and its body as an example, so the document cannot disagree with the answers.
 * Codes that share a status become one response with one example each: OpenAPI keys responses by status.
 */
export function ApiErrorResponses(...errors: DocumentedError[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ApiError[]>();
  for (const answer of errors.map(answerOf)) byStatus.set(answer.status, [...(byStatus.get(answer.status) ?? []), answer]);
  return applyDecorators(
    ...[...byStatus].map(([status, answers]) =>
      ApiResponse({
        status,
        description: answers.map((a) => a.code).join(', '),
        examples: Object.fromEntries(answers.map((a) => [a.code, { summary: a.code, value: a.toBody() }])),
      }),
    ),
  );
}
