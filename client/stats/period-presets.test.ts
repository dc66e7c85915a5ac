import { checkCustomPeriod, periodDays, periodWords, presetOf, presetPeriod } from './period-presets';

describe('period presets', () => {
  const today = '2026-05-20';
  test('each preset on a given day', () => {
    expect(presetPeriod('this_month', today)).toEqual({ from: '2026-05-01', to: today });
    expect(presetPeriod('last_month', today)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(presetPeriod('this_quarter', today)).toEqual({ from: '2026-04-01', to: today });
    expect(presetPeriod('this_quarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('this_quarter', '2026-12-01')).toEqual({ from: '2026-10-01', to: '2026-12-01' });
    expect(presetPeriod('this_year', today)).toEqual({ from: '2026-01-01', to: today });
    expect(presetPeriod('last_year', today)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetPeriod('last_12_months', today)).toEqual({ from: '2025-06-01', to: today });
    expect(presetPeriod('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last_month', '2024-03-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  test('a period is recognised as its preset, or custom', () => {
    expect(presetOf({ from: '2025-06-01', to: today }, today)).toBe('last_12_months');
    expect(presetOf({ from: '2025-01-01', to: '2025-12-31' }, today)).toBe('last_year');
    expect(presetOf({ from: '2026-02-03', to: '2026-02-04' }, today)).toBe('custom');
  });

  test('custom periods are checked like the server checks them', () => {
    expect(checkCustomPeriod('2026-01-01', '2026-01-31')).toEqual({
      ok: true,
      period: { from: '2026-01-01', to: '2026-01-31' },
    });
    expect(checkCustomPeriod('2026-02-01', '2026-01-31')).toEqual({ ok: false, message: '结束日期不能早于开始日期' });
    expect(checkCustomPeriod('2020-01-01', '2026-01-31')).toEqual({
      ok: false,
      message: '统计期间最长三年，请缩短期间',
    });
    expect(checkCustomPeriod('', '2026-01-31').ok).toBe(false);
  });

  test('periods in words', () => {
    expect(periodWords({ from: '2026-01-01', to: '2026-06-30' })).toBe('2026年1月1日至2026年6月30日');
    expect(periodWords({ from: '2026-01-01', to: '2026-01-01' })).toBe('2026年1月1日');
    expect(periodDays({ from: '2026-01-01', to: '2026-01-31' })).toBe(31);
  });
});
