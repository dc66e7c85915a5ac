import { addDays, daysLeft, isOverdue, percentText, periodEnd, satisfactionOf } from './outcomes.rules';

describe('outcomes rules', () => {
  test('a period of N days ends at 00:00 Asia/Shanghai after its last day', () => {
    // 2026-05-01 23:30 in Shanghai is 15:30 UTC.
    const { lastDay, endsAt } = periodEnd(new Date('2026-05-01T15:30:00Z'), 5);
    expect(lastDay).toBe('2026-05-06');
    expect(endsAt.toISOString()).toBe('2026-05-06T16:00:00.000Z');
    // 00:30 in Shanghai on 5月2日 is still 5月1日 in UTC.
    expect(periodEnd(new Date('2026-05-01T16:30:00Z'), 5).lastDay).toBe('2026-05-07');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });

  test('days left and overdue count Shanghai calendar days', () => {
    expect(daysLeft('2026-05-06', new Date('2026-05-06T15:59:00Z'))).toBe(0);
    expect(daysLeft('2026-05-06', new Date('2026-05-06T16:00:00Z'))).toBe(-1);
    expect(isOverdue('2026-05-06', false, new Date('2026-05-06T15:59:00Z'))).toBe(false);
    expect(isOverdue('2026-05-06', false, new Date('2026-05-06T16:00:00Z'))).toBe(true);
    expect(isOverdue('2026-05-06', true, new Date('2026-06-01T00:00:00Z'))).toBe(false);
  });

  test('satisfaction = share of 4s and 5s, exact', () => {
    expect(satisfactionOf([5, 4, 3, 1, 5, 2])).toEqual({
      total: 6,
      satisfied: 3,
      distribution: [1, 1, 1, 1, 2],
      rate: '3/6',
      percent: '50.0%',
    });
    expect(satisfactionOf([]).percent).toBeNull();
    expect(percentText(2, 3)).toBe('66.7%');
    expect(percentText(1, 3)).toBe('33.3%');
    expect(percentText(1, 8)).toBe('12.5%');
    expect(percentText(1, 16)).toBe('6.3%'); // 6.25 rounds half up
    expect(percentText(7, 7)).toBe('100.0%');
  });
});
