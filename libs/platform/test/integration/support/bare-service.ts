import { z } from 'zod';

import { databaseConfigSchema, httpPortSchema, kafkaConfigSchema, runtimeConfigSchema, ServiceOptions } from '../../../src';

// The port variable and default of each service a bare service stands in for.
const PORTS = {
  reporting: ['REPORTING_PORT', 3000],
  computation: ['COMPUTATION_PORT', 3002],
} as const;

const platformSchema = runtimeConfigSchema.extend(kafkaConfigSchema.shape).extend(databaseConfigSchema.shape);
type BareConfig = z.infer<typeof platformSchema> & Record<string, unknown>;

/**
 * A service with no features (start it with NoFeaturesModule): what a spec tests is the platform alone.
 * It takes the name (so the schema and the Kafka user) and the port variable of the service it stands in
 * for; `overrides` give it a title or migrations of its own.
 */
export function bareService(
  name: keyof typeof PORTS,
  overrides: Partial<Pick<ServiceOptions<BareConfig>, 'title' | 'database'>> = {},
): ServiceOptions<BareConfig> {
  const [portVariable, defaultPort] = PORTS[name];
  return {
    name,
    title: { vi: 'Thử nghiệm', en: 'Test' },
    configSchema: platformSchema.extend(httpPortSchema(portVariable, defaultPort).shape) as z.ZodType<BareConfig>,
    port: (config) => config[portVariable] as number,
    database: { entities: [], migrations: [] },
    ...overrides,
  };
}

/** In reporting's place: the stand-in the specs use unless they need another service's Kafka user. */
export const BARE_SERVICE = bareService('reporting');
