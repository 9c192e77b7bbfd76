import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { lastValueFrom, Observable } from 'rxjs';

import { AppLogger } from '../logging/logger';
import { ApiError } from './api-error';
import { ApiErrorFilter } from './api-error.filter';

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

  it('should answer 503 to an HTTP request that failed while the database does not answer', async () => {
    const { response, sent } = aResponse();

    await filter.catch(new Error('unexpected'), aHost('http', response));

    expect(databaseChecks).toBe(1);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
  });
});
