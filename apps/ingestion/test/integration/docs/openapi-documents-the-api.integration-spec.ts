import request from 'supertest';

import { IngestionTestApp, startIngestion } from '../ingestion-test-app';

describe('OpenAPI document of ingestion', () => {
  let app: IngestionTestApp;

  beforeAll(async () => {
    app = await startIngestion();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should document every endpoint with request examples and the contract errors', async () => {
    const response = await request(app.http).get('/docs/openapi.json');
    expect(response.status).toBe(200);
    const paths = response.body.paths as Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    expect(Object.keys(paths).sort()).toEqual([
      '/v1/agencies',
      '/v1/agencies/{code}/keys',
      '/v1/agencies/{code}/keys/{keyId}',
      '/v1/catalog',
      '/v1/catalog/targets/{indicator}',
      '/v1/hierarchies',
      '/v1/hierarchies/{version}',
      '/v1/observations',
      '/v1/observations.csv',
      '/v1/submissions/{submissionId}',
      '/v1/units',
    ]);
    const submit = paths['/v1/observations'].post;
    expect(JSON.stringify(submit.requestBody)).toContain('households.fibre');
    expect(Object.keys(submit.responses).sort()).toEqual(['202', '400', '401', '403', '413', '422', '429', '503']);
    expect(JSON.stringify(submit.responses['429'])).toContain('rate_limited');
    // Two codes share 400: both are documented, each with its example.
    expect(JSON.stringify(submit.responses['400'])).toContain('"malformed_json"');
    expect(JSON.stringify(submit.responses['400'])).toContain('"invalid_request"');
    expect(JSON.stringify(paths['/v1/observations.csv'].post.responses['400'])).toContain('"invalid_csv"');
    expect(JSON.stringify(paths['/v1/observations.csv'].post.requestBody)).toContain('measure,unit,period,value');
    expect(Object.keys(paths['/v1/hierarchies/{version}'].put.responses).sort()).toEqual(['200', '400', '413', '422']);
    expect(JSON.stringify(paths['/v1/catalog/targets/{indicator}'].put.responses['422'])).toContain('invalid_targets');
    const ui = await request(app.http).get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});
