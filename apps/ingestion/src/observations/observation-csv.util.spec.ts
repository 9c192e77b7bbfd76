import { MAX_CELL_CHARACTERS, MAX_DIMENSION_COLUMNS, MAX_LINE_CHARACTERS, parseObservationsCsv } from './observation-csv.util';

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

  describe('bounds: the work is linear in the text', () => {
    const row = 'households.total,31117,2025-Q2,1\n';

    it("should refuse a 40,000-column header with 2,000 rows (the review's 21 s case) as a whole", () => {
      const header = ['measure', 'unit', 'period', 'value', ...Array.from({ length: 40_000 }, (_, i) => `c${i.toString(36)}`)].join(',');
      const result = parseObservationsCsv(`${header}\n${row.repeat(2_000)}`);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/line 1 has more than 64 columns/) });
    });

    it('should refuse a line of 100,000 empty fields, which no character limit catches', () => {
      const result = parseObservationsCsv(`measure,unit,period,value\n${','.repeat(100_000)}\n`);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/line 2 has more than 64 columns/) });
    });

    it('should refuse more dimension columns than the catalogue could ever use', () => {
      const dimensions = Array.from({ length: MAX_DIMENSION_COLUMNS + 1 }, (_, i) => `d${i}`);
      const result = parseObservationsCsv(`measure,unit,period,value,${dimensions.join(',')}\n${row}`);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/too many dimension columns: 9, at most 8/) });
      const enough = parseObservationsCsv(`measure,unit,period,value,${dimensions.slice(1).join(',')}\nhouseholds.total,31117,2025-Q2,1,,,,,,,,x\n`);
      expect(enough.ok && enough.rows[0].item.dimensions).toEqual({ d8: 'x' });
    });

    it('should refuse a line longer than the limit, naming the line and not echoing it', () => {
      const result = parseObservationsCsv(`measure,unit,period,value\n${row}households.total,31117,2025-Q2,${'9'.repeat(MAX_LINE_CHARACTERS)}\n`);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/line longer than 4096 characters at line 3/) });
      expect(!result.ok && result.message).not.toContain('9999');
    });

    it('should reject a row with an over-long cell on its own', () => {
      const result = parseObservationsCsv(`measure,unit,period,value,sector\n${row.trim()},${'x'.repeat(MAX_CELL_CHARACTERS + 1)}\n${row.trim()},industry\n`);
      expect(result.ok && result.rows.map((r) => r.columnError)).toEqual([expect.stringMatching(/longer than 256 characters/), undefined]);
    });

    it('should refuse an unclosed quote with its line number', () => {
      const result = parseObservationsCsv(`measure,unit,period,value\n${row}households.total,31117,"2025-Q2,1\n`);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/unclosed quote at line/) });
    });

    it('should keep a quote inside an unquoted field and read mixed line ends', () => {
      const result = parseObservationsCsv('measure,unit,period,value,note\r\nhouseholds.total,31117,2025-Q2,1,a"b\rhouseholds.total,31120,2025-Q2,2,\n');
      expect(result.ok && result.rows.map((r) => [r.item.unit, r.item.dimensions])).toEqual([
        ['31117', { note: 'a"b' }],
        ['31120', undefined],
      ]);
    });
  });
});
