export interface TestInfra {
  /** Broker addresses from KAFKA_BROKERS, e.g. ['127.0.0.1:19092']. */
  kafkaBrokers: string[];
  /** DATABASE_URL: a database whose name contains "test" on the test server. */
  databaseUrl: string;
}

/** The infrastructure that libs/testing/src/global-setup.cjs exported to the test workers. */
export function getTestInfra(): TestInfra {
  const brokers = process.env['KAFKA_BROKERS'];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!brokers || !databaseUrl) {
    throw new Error(
      'KAFKA_BROKERS and DATABASE_URL are not set: run integration tests with a jest.integration.config.js ' +
        'whose globalSetup is libs/testing/src/global-setup.cjs (or export both variables).',
    );
  }
  return { kafkaBrokers: toBrokerList(brokers), databaseUrl };
}

export function toBrokerList(brokers: string | string[]): string[] {
  const list = Array.isArray(brokers) ? brokers : brokers.split(',');
  return list.map((b) => b.trim()).filter((b) => b.length > 0);
}
