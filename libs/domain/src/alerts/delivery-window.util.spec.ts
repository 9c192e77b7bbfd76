import fc from 'fast-check';

import { DEFAULT_DELIVERY_WINDOW } from './default-delivery-window.constant';
import { deliveryTime, DeliveryWindow, isQuiet, nextAllowedInstant } from './delivery-window.util';

const vn = (local: string) => new Date(`${local}+07:00`);

describe('nextAllowedInstant', () => {
  it.each([
    ['an ordinary working hour', '2026-03-10T10:15:00', '2026-03-10T10:15:00'],
    ['the last minute before quiet hours', '2026-03-10T20:59:59', '2026-03-10T20:59:59'],
    ['the start of quiet hours', '2026-03-10T21:00:00', '2026-03-11T07:00:00'],
    ['the small hours', '2026-03-11T03:40:00', '2026-03-11T07:00:00'],
    ['the end of quiet hours', '2026-03-11T07:00:00', '2026-03-11T07:00:00'],
    ['the eve of Tết 2026 at 22:30 (29 Chạp, a holiday, then Tết to mùng 4)', '2026-02-16T22:30:00', '2026-02-21T07:00:00'],
    ['National Day 2026 (1/9 and 2/9)', '2026-09-01T09:00:00', '2026-09-03T07:00:00'],
    ["New Year's Eve late at night", '2026-12-31T23:00:00', '2027-01-02T07:00:00'],
    ['a Saturday (weekends are ordinary days by default)', '2026-03-14T10:00:00', '2026-03-14T10:00:00'],
  ])('should deliver at %s', (_case, at, expected) => {
    expect(nextAllowedInstant(vn(at))).toEqual(vn(expected));
  });

  it('should wait for Monday after Tết 2026 when weekends are rest days too', () => {
    const window: DeliveryWindow = { ...DEFAULT_DELIVERY_WINDOW, restDays: [0, 6] };
    expect(nextAllowedInstant(vn('2026-02-16T22:30:00'), window)).toEqual(vn('2026-02-23T07:00:00'));
  });

  it('should only mind the clock without holidays', () => {
    const window: DeliveryWindow = { quietHours: { from: '21:00', to: '07:00' } };
    expect(nextAllowedInstant(vn('2026-02-16T22:30:00'), window)).toEqual(vn('2026-02-17T07:00:00'));
  });

  it('should handle quiet hours inside one day', () => {
    const lunch: DeliveryWindow = { quietHours: { from: '11:30', to: '13:30' } };
    expect(nextAllowedInstant(vn('2026-03-10T12:00:00'), lunch)).toEqual(vn('2026-03-10T13:30:00'));
    expect(nextAllowedInstant(vn('2026-03-10T23:00:00'), lunch)).toEqual(vn('2026-03-10T23:00:00'));
  });

  it('should never return an earlier or a quiet instant, and be stable and monotonic', () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const next = nextAllowedInstant(a);
        expect(next.getTime()).toBeGreaterThanOrEqual(a.getTime());
        expect(isQuiet(next)).toBe(false);
        expect(nextAllowedInstant(next)).toEqual(next);
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(nextAllowedInstant(early).getTime()).toBeLessThanOrEqual(nextAllowedInstant(late).getTime());
        // Every minute skipped was quiet.
        const skipped = next.getTime() - a.getTime();
        if (skipped > 0) expect(isQuiet(new Date(a.getTime() + Math.floor(skipped / 2)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('should refuse malformed quiet hours and a window that is never open', () => {
    expect(() => nextAllowedInstant(vn('2026-03-10T10:00:00'), { quietHours: { from: '9pm', to: '07:00' } })).toThrow(RangeError);
    expect(() => nextAllowedInstant(vn('2026-03-10T10:00:00'), { restDays: [0, 1, 2, 3, 4, 5, 6] })).toThrow(RangeError);
  });
});

describe('deliveryTime', () => {
  const eveOfTet = vn('2026-02-16T22:30:00');

  it('should deliver a critical notification at once, even on the eve of Tết at night', () => {
    expect(deliveryTime(eveOfTet, 'critical')).toEqual(eveOfTet);
  });

  it.each(['warning', 'info'] as const)('should hold a %s notification until after Tết', (severity) => {
    expect(deliveryTime(eveOfTet, severity)).toEqual(vn('2026-02-21T07:00:00'));
  });
});
