import { Writable } from 'node:stream';

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
    logger.info(
      { agency: { code: 'vnpt', apiKey: 'dxk_live_abc' }, authorization: 'Bearer xyz', webhook: { secret: 's3cr3t' } },
      'agency created',
    );
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
});
