import 'reflect-metadata';

import { DECORATORS } from '@nestjs/swagger/dist/constants';

import { API_ERROR_STATUS, DomainError } from '@dx/contracts';

import { ApiError } from './api-error';
import { ApiErrorResponses } from './api-error-responses.decorator';

type Documented = Record<string, { description: string; examples: Record<string, { value: { error: { code: string; message: string } } }> }>;

function documentedResponses(...args: Parameters<typeof ApiErrorResponses>): Documented {
  const handle = (): string => 'answered';
  const descriptor: PropertyDescriptor = { value: handle };
  ApiErrorResponses(...args)({}, 'handle', descriptor);
  return Reflect.getMetadata(DECORATORS.API_RESPONSE, handle) as Documented;
}

describe('ApiErrorResponses', () => {
  it('should document each code under the status the error filter answers it with', () => {
    const responses = documentedResponses('unauthenticated', 'invalid_hierarchy', 'unavailable');

    expect(Object.keys(responses).sort()).toEqual(
      [API_ERROR_STATUS.unauthenticated, API_ERROR_STATUS.invalid_hierarchy, API_ERROR_STATUS.unavailable].map(String).sort(),
    );
    expect(responses['422'].examples['invalid_hierarchy'].value.error.code).toBe('invalid_hierarchy');
  });

  it('should keep every code of one status, one example each, where OpenAPI keys responses by status', () => {
    const responses = documentedResponses('malformed_json', 'invalid_request', 'invalid_csv');

    expect(Object.keys(responses)).toEqual(['400']);
    expect(Object.keys(responses['400'].examples)).toEqual(['malformed_json', 'invalid_request', 'invalid_csv']);
    expect(responses['400'].description).toBe('malformed_json, invalid_request, invalid_csv');
  });

  it('should show the very body an endpoint answers with when given its error', () => {
    const refusal = DomainError.notFound({ vi: 'Không có đơn vị 99999', en: 'no unit 99999' }, 'unknown_unit');
    const responses = documentedResponses(refusal, ApiError.rateLimited(30));

    expect(responses['404'].examples['unknown_unit'].value).toEqual(ApiError.ofDomain(refusal).toBody());
    expect(responses['429'].examples['rate_limited'].value.error.message).toBe('Quá nhiều yêu cầu / too many requests');
  });
});
