import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { lastValueFrom, Observable } from 'rxjs';

import { DomainError } from '@dx/contracts';

import { AppLogger } from '../logging/logger';
import { ApiError } from './api-error';
import { ApiErrorFilter, toApiError } from './api-error.filter';

function aResponse() {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    setHeader: (name: string, value: string) => void (sent.headers[name] = value),
    status: (status: number) => {
      sent.status = status;
      return response;
    },
    json: (body: unknown) => void (sent.body = body),
  };
  return { response, sent };
}

function aHost(type: 'http' | 'rpc', response: unknown = {}): ExecutionContextHost {
  const host = new ExecutionContextHost(type === 'http' ? [{ method: 'GET', path: '/v1/x' }, response] : [[], {}]);
  host.setType(type);
  return host;
}

describe('ApiErrorFilter', () => {
  const logged: unknown[] = [];
  const logger = { error: (obj: unknown) => void logged.push(obj) } as unknown as AppLogger;
  let databaseChecks = 0;
  const filter = new ApiErrorFilter(logger, async () => {
    databaseChecks += 1;
    return false;
  });

  beforeEach(() => {
    logged.length = 0;
    databaseChecks = 0;
  });

  it('should rethrow an error of a Kafka handler as it was thrown, answering and logging nothing', async () => {
    const thrown = Object.assign(new Error('connection terminated'), { code: '57P01' });

    const result = filter.catch(thrown, aHost('rpc'));

    expect(result).toBeInstanceOf(Observable);
    await expect(lastValueFrom(result as Observable<never>)).rejects.toBe(thrown);
    expect(databaseChecks).toBe(0);
    expect(logged).toEqual([]);
  });

  it('should answer an HTTP request with the contract error body', () => {
    const { response, sent } = aResponse();

    filter.catch(ApiError.badRequest('invalid_request', 'bad'), aHost('http', response));

    expect(sent.status).toBe(400);
    expect(sent.body).toEqual({ error: { code: 'invalid_request', message: 'bad', details: [] } });
  });

  it("should answer a use case's domain error with its code's status and its reason in both languages", () => {
    const { response, sent } = aResponse();
    const refused = new DomainError('invalid_targets', { vi: 'Mục tiêu không hợp lệ', en: 'invalid targets' }, [{ code: 'unknown_level', entry: 'SOC-01' }]);

    filter.catch(refused, aHost('http', response));

    expect(sent.status).toBe(422);
    expect(sent.body).toEqual({
      error: { code: 'invalid_targets', message: 'Mục tiêu không hợp lệ / invalid targets', details: [{ code: 'unknown_level', entry: 'SOC-01' }] },
    });
    expect(logged).toEqual([]);
  });

  it('should rethrow a domain error of a Kafka handler as it was thrown, for the failure policy to classify', async () => {
    const refused = DomainError.notFound({ vi: 'Không có', en: 'none' });

    const result = filter.catch(refused, aHost('rpc'));

    await expect(lastValueFrom(result as Observable<never>)).rejects.toBe(refused);
  });

  it.each([
    [DomainError.notFound({ vi: 'Không có cơ quan X', en: 'no agency X' }), 404, 'not_found'],
    [DomainError.notFound({ vi: 'Không có', en: 'none' }, 'subscription_not_found'), 404, 'subscription_not_found'],
    [DomainError.conflict({ vi: 'Đã tồn tại', en: 'already exists' }), 409, 'conflict'],
    [DomainError.invalidRequest([{ path: 'units', message: 'unknown unit 1' }]), 400, 'invalid_request'],
    [new DomainError('payload_too_large', { vi: 'Quá lớn', en: 'too large' }), 413, 'payload_too_large'],
    [new DomainError('idempotency_key_reused', { vi: 'Đã dùng', en: 'used' }), 422, 'idempotency_key_reused'],
    [new DomainError('alert_resolved', { vi: 'Đã đóng', en: 'resolved' }), 409, 'alert_resolved'],
  ])('should map the domain error %# to status %d and code %s', (error, status, code) => {
    const answer = toApiError(error);

    expect(answer.status).toBe(status);
    expect(answer.toBody().error.code).toBe(code);
  });

  it('should answer 503 to an HTTP request that failed while the database does not answer', async () => {
    const { response, sent } = aResponse();

    await filter.catch(new Error('unexpected'), aHost('http', response));

    expect(databaseChecks).toBe(1);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
  });
});
