import { Writable } from 'node:stream';

import { QueryFailedError } from 'typeorm';

import { createLogger } from './logger';

function capture(): { sink: Writable; text: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { sink, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('should censor API keys, tokens and secrets when they appear in logged objects', () => {
    const { sink, text } = capture();
    const logger = createLogger('ingestion', 'info', sink);
    logger.info({ agency: { code: 'vnpt', apiKey: 'dxk_live_abc' }, authorization: 'Bearer xyz', webhook: { secret: 's3cr3t' } }, 'agency created');
    expect(text()).not.toMatch(/dxk_live_abc|Bearer xyz|s3cr3t/);
    expect(JSON.parse(text())).toMatchObject({ service: 'ingestion', level: 'info', agency: { code: 'vnpt', apiKey: '***' } });
  });

  it('should write one JSON object per line with an ISO time', () => {
    const { sink, text } = capture();
    createLogger('reporting', 'info', sink).warn({ unit: '916' }, 'slow query');
    const line = JSON.parse(text());
    expect(line).toMatchObject({ msg: 'slow query', unit: '916', level: 'warn' });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('should log a database error by its SQLSTATE and message, without the statement, its parameters or row values', () => {
    const { sink, text } = capture();
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "api_key_key_hash_key"'), {
      code: '23505',
      detail: 'Key (key_hash)=(9f86d081884c7d659a2feaa0c55ad015) already exists.',
    });
    const error = new QueryFailedError(
      'INSERT INTO ingestion.api_key (id, key_hash) VALUES ($1, $2)',
      ['agency-secret-code', '9f86d081884c7d659a2feaa0c55ad015'],
      driverError,
    );
    const logger = createLogger('ingestion', 'info', sink);
    logger.error({ err: error, path: '/v1/agencies' }, 'request failed');
    logger.error({ err: new Error('wrapped', { cause: error }) }, 'request failed');
    logger.warn({ error }, 'slice failed');
    expect(text()).not.toMatch(/INSERT INTO|agency-secret-code|9f86d081|Key \(key_hash\)/);
    const lines = text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({
      path: '/v1/agencies',
      err: { type: 'QueryFailedError', code: '23505', message: expect.stringContaining('duplicate key') },
    });
    expect(lines[2].error).toMatchObject({ code: '23505' });
  });
});
