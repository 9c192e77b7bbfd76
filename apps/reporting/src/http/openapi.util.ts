import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

import { ApiError } from '@dx/platform';

import { ReportingError } from '../shared/reporting-error.exception';

/** The OpenAPI schema of a response, generated from the zod schema the code answers with, plus an example. */
export function openApiSchema(schema: z.ZodType, example: unknown): SchemaObject {
  return { ...(z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as SchemaObject), example };
}

// The error answers, with bodies made by the same code that makes them at run time.
const ERRORS = {
  badRequest: {
    status: 400,
    description: 'a parameter is wrong; `details` names it',
    error: ApiError.ofDomain(ReportingError.invalidParameter('period', 'expected YYYY, YYYY-Qn or YYYY-MM')),
  },
  unknownUnit: { status: 404, description: 'no such unit in the hierarchy version', error: ApiError.ofDomain(ReportingError.unknownUnit('99999', '2025-07')) },
  unknownIndicator: { status: 404, description: 'no such indicator', error: ApiError.ofDomain(ReportingError.unknownIndicator('XYZ-99')) },
  rateLimited: { status: 429, description: 'too many requests from this client; see `Retry-After`', error: ApiError.rateLimited(30) },
  unavailable: { status: 503, description: 'the database is unreachable; see `Retry-After`', error: ApiError.unavailable() },
} as const;

export type ApiErrorName = keyof typeof ERRORS;

/** Documents the error answers an endpoint can give. */
export function ApiErrorResponses(...names: ApiErrorName[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...names.map((name) =>
      ApiResponse({ status: ERRORS[name].status, description: ERRORS[name].description, schema: { example: ERRORS[name].error.toBody() } }),
    ),
  );
}
