import { escapeHtml, formatNumber, formatPeriod, formatTarget, formatValue } from './format';

describe('formatValue', () => {
  it.each([
    [84.5, 'vi', '84,5 %'],
    [84.5, 'en', '84.5%'],
    [84.44444, 'vi', '84,4 %'],
    [100, 'en', '100%'],
    [-1.5, 'vi', '-1,5 %'],
  ] as const)('should write %s in %s as %s', (value, lang, text) => {
    expect(formatValue(value, 'percent', lang)).toBe(text);
  });

  it('should write ranks and missing values in words', () => {
    expect(formatValue(9, 'rank', 'vi')).toBe('hạng 9');
    expect(formatValue(9, 'rank', 'en')).toBe('rank 9');
    expect(formatValue(null, 'percent', 'vi')).toBe('—');
  });

  it('should group thousands the way each language does', () => {
    expect(formatNumber(169000, 'vi')).toBe('169.000');
    expect(formatNumber(169000, 'en')).toBe('169,000');
  });
});

describe('formatTarget and formatPeriod', () => {
  it('should write a target with its comparator and year', () => {
    expect(formatTarget({ year: 2025, op: '>=', value: 80 }, 'percent', 'vi')).toBe('≥ 80 % (2025)');
    expect(formatTarget({ year: 2030, op: '<=', value: 10 }, 'rank', 'en')).toBe('≤ rank 10 (2030)');
  });

  it.each([
    ['2025-Q2', 'vi', 'Quý 2/2025'],
    ['2025-Q2', 'en', 'Q2 2025'],
    ['2025-06', 'vi', 'Tháng 6/2025'],
    ['2025-06', 'en', 'June 2025'],
    ['2025', 'vi', 'Năm 2025'],
  ] as const)('should write %s in %s as %s', (period, lang, text) => {
    expect(formatPeriod(period, lang)).toBe(text);
  });

  it('should escape HTML', () => {
    expect(escapeHtml('<b a="x">&\'')).toBe('&lt;b a=&quot;x&quot;&gt;&amp;&#39;');
  });
});
