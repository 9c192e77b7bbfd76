import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

import { ReportingError } from '../shared/reporting-error.exception';

/** The OpenAPI schema of a response, generated from the zod schema the code answers with, plus an example. */
export function openApiSchema(schema: z.ZodType, example: unknown): SchemaObject {
  return { ...(z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as SchemaObject), example };
}

/** Reporting's refusals as the OpenAPI document shows them (`ApiErrorResponses`), made by the code that refuses. */
export const REFUSAL_EXAMPLES = {
  invalidParameter: ReportingError.invalidParameter('period', 'expected YYYY, YYYY-Qn or YYYY-MM'),
  unknownUnit: ReportingError.unknownUnit('99999', '2025-07'),
  unknownIndicator: ReportingError.unknownIndicator('XYZ-99'),
};
