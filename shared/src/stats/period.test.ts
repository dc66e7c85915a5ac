import {
  addDays,
  defaultPeriod,
  inPeriod,
  isCalendarDay,
  MAX_PERIOD_DAYS,
  monthEnd,
  monthStart,
  monthsOf,
  periodInstants,
  periodLabel,
  periodQuerySchema,
  resolvePeriod,
} from './period';

describe('reporting periods', () => {
  test('calendar days are real days', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(isCalendarDay('')).toBe(false);
  });

  test('the query refuses a reversed or too long period, with a Chinese reason', () => {
    expect(periodQuerySchema.safeParse({ from: '2026-01-01', to: '2026-06-30' }).success).toBe(true);
    const reversed = periodQuerySchema.safeParse({ from: '2026-07-01', to: '2026-06-30' });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0]?.message).toBe('结束日期不能早于开始日期');
    const long = periodQuerySchema.safeParse({ from: '2020-01-01', to: addDays('2020-01-01', MAX_PERIOD_DAYS) });
    expect(long.success).toBe(false);
    expect(
      periodQuerySchema.safeParse({ from: '2020-01-01', to: addDays('2020-01-01', MAX_PERIOD_DAYS - 1) }).success,
    ).toBe(true);
    expect(periodQuerySchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(periodQuerySchema.safeParse({ x: '1' }).success).toBe(true);
  });

  test('month arithmetic crosses years', () => {
    expect(monthStart('2026-03-31', -3)).toBe('2025-12-01');
    expect(monthStart('2025-12-15', 1)).toBe('2026-01-01');
    expect(monthEnd('2028-02-10')).toBe('2028-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  test('the default is this month and the eleven before it', () => {
    expect(defaultPeriod('2026-05-20')).toEqual({ from: '2025-06-01', to: '2026-05-20' });
    expect(resolvePeriod({}, '2026-05-20')).toEqual({ from: '2025-06-01', to: '2026-05-20' });
    expect(resolvePeriod({ to: '2026-03-31' }, '2026-05-20')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(resolvePeriod({ from: '2026-04-01' }, '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(resolvePeriod({ from: '2027-01-01' }, '2026-05-20')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(resolvePeriod({ from: '2020-01-01' }, '2026-05-20').to).toBe(addDays('2020-01-01', MAX_PERIOD_DAYS - 1));
  });

  test('months of a period', () => {
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf({ from: '2026-01-01', to: '2026-01-01' })).toEqual(['2026-01']);
  });

  test('days are Shanghai days: 23:59 Shanghai is the same day, 00:00 the next', () => {
    const period = { from: '2026-01-01', to: '2026-01-31' };
    expect(inPeriod(new Date('2025-12-31T16:00:00Z'), period)).toBe(true); // 2026-01-01 00:00 +08
    expect(inPeriod(new Date('2025-12-31T15:59:59Z'), period)).toBe(false);
    expect(inPeriod(new Date('2026-01-31T15:59:59Z'), period)).toBe(true);
    expect(inPeriod(new Date('2026-01-31T16:00:00Z'), period)).toBe(false);
    const { start, end } = periodInstants(period);
    expect(start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-01-31T16:00:00.000Z');
  });

  test('periods in words', () => {
    expect(periodLabel({ from: '2026-01-01', to: '2026-06-30' })).toBe('2026年1月1日至2026年6月30日');
  });
});
