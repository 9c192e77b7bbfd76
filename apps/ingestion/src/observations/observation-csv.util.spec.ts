import { parseObservationsCsv } from './observation-csv.util';

describe('parseObservationsCsv', () => {
  it('should read rows with 1-based indexes and dimension columns when the header is complete', () => {
    const result = parseObservationsCsv(
      '\uFEFFmeasure,unit,period,value,sector\r\nhouseholds.fibre,31117,2025-06,4210,\r\ngrdp.digital,92,2024,18250.5,industry\r\n',
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { index: 1, item: { measure: 'households.fibre', unit: '31117', period: '2025-06', value: 4210 } },
        { index: 2, item: { measure: 'grdp.digital', unit: '92', period: '2024', value: 18250.5, dimensions: { sector: 'industry' } } },
      ],
    });
  });

  it('should keep quoted commas and escaped quotes inside a field', () => {
    const result = parseObservationsCsv('measure,unit,period,value,note\nhouseholds.total,31117,2025-Q2,10,"a, ""b"""\n');
    expect(result.ok && result.rows[0].item.dimensions).toEqual({ note: 'a, "b"' });
  });

  it('should pass a non-numeric value on as text so that the row is rejected, not the file', () => {
    const result = parseObservationsCsv('measure,unit,period,value\nhouseholds.total,31117,2025-Q2,ten\n');
    expect(result.ok && result.rows[0].item.value).toBe('ten');
  });

  it('should flag a row whose column count differs from the header', () => {
    const result = parseObservationsCsv('measure,unit,period,value\nhouseholds.total,31117\nhouseholds.total,31117,2025-Q2,1\n');
    expect(result.ok && result.rows.map((r) => Boolean(r.columnError))).toEqual([true, false]);
  });

  it.each([
    ['', /empty/],
    ['measure,unit,value\nx,1,2\n', /missing columns: period/],
    ['measure,unit,period,value,value\n', /duplicate/],
  ])('should refuse the whole file when the header is unusable: %p', (text, message) => {
    const result = parseObservationsCsv(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
