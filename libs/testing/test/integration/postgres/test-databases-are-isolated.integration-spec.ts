import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase, getTestInfra } from '../../../src';

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);

describe('Test databases', () => {
  const { databaseUrl } = getTestInfra();
  const created: string[] = [];

  afterAll(async () => {
    await Promise.all(created.map((url) => dropTestDatabase(url)));
  });

  it('should point DATABASE_URL at a database named for tests when the global setup has run', () => {
    expect(databaseName(databaseUrl)).toMatch(/test/);
  });

  it('should create an empty database named <prefix>_test_<random> when asked for one', async () => {
    const url = await createTestDatabase('isolation');
    created.push(url);

    expect(databaseName(url)).toMatch(/^isolation_test_[0-9a-f]{12}$/);
    const tables = await withClient(url, (c) => c.query("select count(*)::int as n from information_schema.tables where table_schema = 'public'"));
    expect(tables.rows[0].n).toBe(0);
  });

  it('should keep tables and rows apart when two test databases are used at the same time', async () => {
    const [first, second] = await Promise.all([createTestDatabase('isolation'), createTestDatabase('isolation')]);
    created.push(first, second);

    await withClient(first, async (c) => {
      await c.query('create table observation (id int primary key, value numeric)');
      await c.query('insert into observation values (1, 4210)');
    });
    await withClient(second, (c) => c.query('create table observation (id int primary key, value numeric)'));

    const inFirst = await withClient(first, (c) => c.query('select count(*)::int as n from observation'));
    const inSecond = await withClient(second, (c) => c.query('select count(*)::int as n from observation'));
    expect(first).not.toBe(second);
    expect(inFirst.rows[0].n).toBe(1);
    expect(inSecond.rows[0].n).toBe(0);
  });

  it('should remove the database when it is dropped while a connection is still open', async () => {
    const url = await createTestDatabase('drop');
    const lingering = new Client({ connectionString: url });
    lingering.on('error', () => undefined); // the forced drop terminates it
    await lingering.connect();

    await dropTestDatabase(url);

    const exists = await withClient(databaseUrl, (c) => c.query('select 1 from pg_database where datname = $1', [databaseName(url)]));
    expect(exists.rowCount).toBe(0);
    await lingering.end().catch(() => undefined);
  });

  it('should refuse to drop a database when its name lacks "test"', async () => {
    const url = new URL(databaseUrl);
    url.pathname = '/postgres';

    await expect(dropTestDatabase(url.toString())).rejects.toThrow(/must have "test" in their name/);
  });
});
