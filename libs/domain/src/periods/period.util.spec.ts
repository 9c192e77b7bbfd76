import {
  coarserPeriods,
  contains,
  finerPeriods,
  formatPeriod,
  InvalidPeriodError,
  isFuture,
  isOverdue,
  parsePeriod,
  periodEnd,
  periodLastDay,
  periodsBetween,
  periodStart,
  previousPeriod,
  reportDueDate,
  sameSpanLastYear,
  shiftPeriod,
  toPeriod,
} from './period.util';

describe('period.util', () => {
  describe('parsePeriod', () => {
    it.each([
      ['2025', { frequency: 'year', year: 2025 }],
      ['2025-Q1', { frequency: 'quarter', year: 2025, quarter: 1 }],
      ['2025-Q4', { frequency: 'quarter', year: 2025, quarter: 4 }],
      ['2025-01', { frequency: 'month', year: 2025, month: 1 }],
      ['2025-12', { frequency: 'month', year: 2025, month: 12 }],
    ])('should parse %s when it is canonical', (text, expected) => {
      expect(parsePeriod(text)).toEqual(expected);
      expect(formatPeriod(text)).toBe(text);
    });

    it.each([
      '',
      '25',
      '2025-Q0',
      '2025-Q5',
      '2025-q1',
      '2025-00',
      '2025-13',
      '2025-1',
      '2025-W01',
      ' 2025',
      '2025-01-01',
      '20250',
      '0000',
      '1999',
      '1999-Q4',
      '1999-12',
    ])('should return undefined when the text is %p', (text) => {
      expect(parsePeriod(text)).toBeUndefined();
      expect(() => toPeriod(text)).toThrow(InvalidPeriodError);
    });
  });

  describe('earliest period', () => {
    it('should accept 2000 and reject every period before it when parsing text', () => {
      // Review section D / issue 8 L8: "0000" used to parse and previousPeriod("0000") gave "00-1".
      expect(parsePeriod('2000-01')).toEqual({ frequency: 'month', year: 2000, month: 1 });
      expect(parsePeriod('1999-12')).toBeUndefined();
      expect(() => previousPeriod('0000')).toThrow(InvalidPeriodError);
    });

    it('should still step back before 2000 when arithmetic starts from a valid period', () => {
      // Carry-forward and growth look a year back from 2000: the arithmetic is not bounded, only the text.
      expect(formatPeriod(previousPeriod('2000-Q1'))).toBe('1999-Q4');
    });
  });

  describe('boundaries', () => {
    it.each([
      // Vietnam is UTC+7: 1 January 00:00 local is 31 December 17:00 UTC.
      ['2025', '2024-12-31T17:00:00.000Z', '2025-12-31T17:00:00.000Z', '2025-12-31'],
      ['2025-Q2', '2025-03-31T17:00:00.000Z', '2025-06-30T17:00:00.000Z', '2025-06-30'],
      ['2024-02', '2024-01-31T17:00:00.000Z', '2024-02-29T17:00:00.000Z', '2024-02-29'],
      ['2025-12', '2025-11-30T17:00:00.000Z', '2025-12-31T17:00:00.000Z', '2025-12-31'],
    ])('should start, end and last-day %s when asked', (period, start, end, lastDay) => {
      expect(periodStart(period).toISOString()).toBe(start);
      expect(periodEnd(period).toISOString()).toBe(end);
      expect(periodLastDay(period)).toBe(lastDay);
    });
  });

  describe('contains', () => {
    it.each([
      ['2025', '2025-Q3', true],
      ['2025', '2025-07', true],
      ['2025-Q3', '2025-07', true],
      ['2025-Q3', '2025-10', false],
      ['2025-Q3', '2025', false],
      ['2025', '2025', true],
      ['2025', '2024-12', false],
    ])('should say contains(%s, %s) is %s when compared', (outer, inner, expected) => {
      expect(contains(outer, inner)).toBe(expected);
    });
  });

  describe('coarser and finer', () => {
    it.each([
      ['2025-08', ['2025-Q3', '2025']],
      ['2025-Q4', ['2025']],
      ['2025', []],
    ])('should list the coarser periods of %s when asked', (period, expected) => {
      expect(coarserPeriods(period).map(formatPeriod)).toEqual(expected);
    });

    it('should list quarters and months of a year when asked for a finer frequency', () => {
      expect(finerPeriods('2025', 'quarter').map(formatPeriod)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
      expect(finerPeriods('2025-Q2', 'month').map(formatPeriod)).toEqual(['2025-04', '2025-05', '2025-06']);
      expect(finerPeriods('2025-Q2', 'quarter').map(formatPeriod)).toEqual(['2025-Q2']);
      expect(finerPeriods('2025-Q2', 'year')).toEqual([]);
    });
  });

  describe('shifting', () => {
    it.each([
      ['2025-01', '2024-12'],
      ['2025-Q1', '2024-Q4'],
      ['2025', '2024'],
      ['2025-Q3', '2025-Q2'],
    ])('should give %s the previous period %s when shifted back', (period, expected) => {
      expect(formatPeriod(previousPeriod(period))).toBe(expected);
    });

    it('should move by several periods and keep the span when shifted or compared year on year', () => {
      expect(formatPeriod(shiftPeriod('2025-11', 3))).toBe('2026-02');
      expect(formatPeriod(sameSpanLastYear('2025-Q2'))).toBe('2024-Q2');
      expect(formatPeriod(sameSpanLastYear('2025-03'))).toBe('2024-03');
    });

    it('should list every period between two when asked, inclusive', () => {
      expect(periodsBetween('2024-11', '2025-Q1', 'month').map(formatPeriod)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
      expect(periodsBetween('2024-Q4', '2025', 'year').map(formatPeriod)).toEqual(['2024', '2025']);
      expect(periodsBetween('2025', '2024', 'year')).toEqual([]);
    });
  });

  describe('isFuture', () => {
    it.each([
      // The current, unfinished month is not in the future; next month is, until it starts in Vietnam.
      ['2025-07', '2025-07-15T00:00:00Z', false],
      ['2025-08', '2025-07-31T16:59:59Z', true],
      ['2025-08', '2025-07-31T17:00:00Z', false],
      ['2025-Q3', '2025-07-01T00:00:00Z', false],
      ['2026', '2025-12-31T23:00:00Z', false],
      ['2026', '2025-12-31T16:00:00Z', true],
    ])('should tell whether %s is in the future when now is %s (%s)', (period, now, expected) => {
      expect(isFuture(period, new Date(now))).toBe(expected);
    });
  });

  describe('due dates', () => {
    it.each([
      // Q1 ends 31 March; + 15 days = 15 April.
      [15, '2025-Q1', '2025-04-15'],
      // January ends on the 31st; + 10 days = 10 February.
      [10, '2025-01', '2025-02-10'],
      // 2024 ends 31 December; + 90 days = 31 March 2025 (2025 is not a leap year).
      [90, '2024', '2025-03-31'],
      // 2023 ends 31 December; + 60 days crosses 29 February 2024.
      [60, '2023', '2024-02-29'],
      [180, '2024', '2025-06-29'],
    ])('should be due %s days after %s on %s when reported', (dueDays, period, expected) => {
      expect(reportDueDate({ dueDays }, period)).toBe(expected);
    });

    it.each([
      ['2025-04-15T16:59:59Z', false],
      // 16 April 00:00 in Vietnam.
      ['2025-04-15T17:00:00Z', true],
    ])('should tell whether Q1 (due 15 April) is overdue when now is %s (%s)', (now, expected) => {
      expect(isOverdue({ dueDays: 15 }, '2025-Q1', new Date(now))).toBe(expected);
    });
  });
});
