import { ConfigError, loadConfig } from '@dx/platform';

import { computationConfigSchema } from './computation.config';

describe('computationConfigSchema', () => {
  it('should default the overdue interval to a minute when nothing is set', () => {
    expect(loadConfig(computationConfigSchema, {})).toMatchObject({ COMPUTATION_OVERDUE_INTERVAL_MS: 60_000, COMPUTATION_OVERDUE_LOOKBACK_MONTHS: 12 });
  });

  it('should refuse a fixed clock when running in production', () => {
    expect(() => loadConfig(computationConfigSchema, { NODE_ENV: 'production', DX_CLOCK_NOW: '2025-07-10T00:00:00+07:00' })).toThrow(ConfigError);
  });
});
