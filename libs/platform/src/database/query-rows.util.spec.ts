import { z } from 'zod';

import { queryRows, RowSource, storedDocument, UnexpectedRowError } from './query-rows.util';

const row = z.object({ id: z.string(), n: z.number() });

// Answers every query with `result`, as TypeORM (the rows) or pg (`{ rows }`) would.
const answering = (result: unknown): RowSource => ({ query: async () => result }) as unknown as RowSource;

describe('queryRows', () => {
  it('should return the rows when every row has the shape', async () => {
    await expect(
      queryRows(
        answering([
          { id: 'a', n: 1 },
          { id: 'b', n: 2 },
        ]),
        row,
        'SELECT id, n',
      ),
    ).resolves.toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
  });

  it('should read the rows of a pg client result', async () => {
    await expect(queryRows(answering({ rows: [{ id: 'a', n: 1 }], rowCount: 1 }), row, 'SELECT id, n')).resolves.toEqual([{ id: 'a', n: 1 }]);
  });

  it('should name the query and the column when a row has another shape', async () => {
    const reading = queryRows(
      answering([
        { id: 'a', n: 1 },
        { id: 'b', n: '2' },
      ]),
      row,
      'SELECT id,\n   n FROM t',
    );
    await expect(reading).rejects.toThrow(UnexpectedRowError);
    await expect(reading).rejects.toThrow(/"SELECT id, n FROM t…": 1\.n: /);
  });

  it('should refuse an answer that holds no rows (a bare UPDATE answers [rows, count])', async () => {
    await expect(queryRows(answering([[], 1]), row, 'UPDATE t SET n = 1')).rejects.toThrow(UnexpectedRowError);
    await expect(queryRows(answering(undefined), row, 'SELECT id, n')).rejects.toThrow(UnexpectedRowError);
  });

  it('should check only the first row when asked, and return the rows as sent', async () => {
    const rows = [
      { id: 'a', n: 1 },
      { id: 'b', n: 'unchecked' },
    ];
    await expect(queryRows(answering(rows), row, 'SELECT id, n', [], { check: 'first' })).resolves.toBe(rows);
    await expect(queryRows(answering([{ id: 'a' }]), row, 'SELECT id', [], { check: 'first' })).rejects.toThrow(/n: /);
    await expect(queryRows(answering([]), row, 'SELECT id, n', [], { check: 'first' })).resolves.toEqual([]);
  });
});

describe('storedDocument', () => {
  const documentRow = z.object({ payload: storedDocument<{ indicator: string }>() });

  it('should take a JSON object and refuse a missing or scalar document', async () => {
    await expect(queryRows(answering([{ payload: { indicator: 'a' } }]), documentRow, 'SELECT payload')).resolves.toEqual([{ payload: { indicator: 'a' } }]);
    await expect(queryRows(answering([{ payload: null }]), documentRow, 'SELECT payload')).rejects.toThrow(/payload: expected a stored JSON document/);
    await expect(queryRows(answering([{ payload: '{"indicator":"a"}' }]), documentRow, 'SELECT payload')).rejects.toThrow(UnexpectedRowError);
  });
});
