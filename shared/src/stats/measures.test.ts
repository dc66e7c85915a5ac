import {
  daysToCompletion,
  daysToFirstResponse,
  isResponse,
  median,
  rate,
  statusGroupOf,
  sumRates,
  topicMeasures,
} from './measures';

const at = (iso: string) => new Date(iso);

describe('statistics measures', () => {
  test('median of whole numbers has at most one decimal', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([0, 0, 1, 10])).toBe(0.5);
    expect(median([7, 1])).toBe(4);
  });

  test('rates: one decimal, rounded half up, in integers', () => {
    expect(rate(2, 3)).toEqual({ numerator: 2, denominator: 3, percent: 66.7 });
    expect(rate(1, 3).percent).toBe(33.3);
    expect(rate(1, 8).percent).toBe(12.5);
    expect(rate(1, 16).percent).toBe(6.3); // 6.25 → 6.3
    expect(rate(0, 0).percent).toBeNull();
    expect(rate(5, 5).percent).toBe(100);
    expect(sumRates([rate(1, 2), rate(2, 4), rate(0, 0)])).toEqual({ numerator: 3, denominator: 6, percent: 50 });
  });

  test('what counts as a response', () => {
    const base = { at: at('2026-01-02T00:00:00Z') };
    expect(isResponse({ ...base, action: 'submit', actorRole: 'resident' })).toBe(false);
    expect(isResponse({ ...base, action: 'submit_on_behalf', actorRole: 'grid_worker' })).toBe(false);
    expect(isResponse({ ...base, action: 'resubmit', actorRole: 'resident' })).toBe(false);
    expect(isResponse({ ...base, action: 'lapse', actorRole: 'system' })).toBe(false);
    expect(isResponse({ ...base, action: 'accept', actorRole: 'moderator' })).toBe(true);
    expect(isResponse({ ...base, action: 'answer', actorRole: 'property_manager' })).toBe(true);
    expect(isResponse({ ...base, action: 'merge', actorRole: 'moderator', mergedFromOther: true })).toBe(false);
  });

  test('days are counted between Shanghai calendar days', () => {
    // Submitted 23:30 on 1 Jan (Shanghai), answered 00:30 on 2 Jan: one day.
    const submitted = at('2026-01-01T15:30:00Z');
    expect(
      daysToFirstResponse(submitted, [
        { action: 'submit', actorRole: 'resident', at: submitted },
        { action: 'answer', actorRole: 'moderator', at: at('2026-01-05T00:00:00Z') },
        { action: 'accept', actorRole: 'moderator', at: at('2026-01-01T16:30:00Z') },
      ]),
    ).toBe(1);
    expect(daysToFirstResponse(submitted, [{ action: 'submit', actorRole: 'resident', at: submitted }])).toBeNull();
    expect(
      daysToCompletion(submitted, [
        { action: 'complete', actorRole: 'moderator', at: at('2026-01-20T02:00:00Z'), toStatus: 'completed' },
        { action: 'close', actorRole: 'system', at: at('2026-02-20T02:00:00Z'), toStatus: 'closed' },
      ]),
    ).toBe(19);
  });

  test('status groups', () => {
    expect(statusGroupOf('returned')).toBe('waiting');
    expect(statusGroupOf('publicity')).toBe('in_progress');
    expect(statusGroupOf('closed')).toBe('resolved');
    expect(statusGroupOf('lapsed')).toBe('not_taken');
  });

  test('topic measures of a cohort', () => {
    const t = (status: never, category: string, day: string, fr: number | null, done: number | null) => ({
      status,
      category,
      submittedAt: at(`${day}T02:00:00Z`),
      daysToFirstResponse: fr,
      daysToCompletion: done,
    });
    const m = topicMeasures(
      [
        t('completed' as never, '环境卫生', '2026-01-03', 1, 10),
        t('closed' as never, '环境卫生', '2026-01-20', 0, 30),
        t('routed' as never, '物业管理', '2026-02-01', 3, null),
        t('rejected' as never, '其他', '2026-02-02', 2, null),
        t('submitted' as never, '物业管理', '2026-03-31', null, null),
      ],
      { from: '2026-01-01', to: '2026-03-31' },
      ['物业管理', '环境卫生'],
    );
    expect(m.submitted).toBe(5);
    expect(m.byCategory.map((r) => [r.key, r.count])).toEqual([
      ['物业管理', 2],
      ['环境卫生', 2],
      ['其他', 1],
    ]);
    expect(m.byStatus.map((r) => [r.key, r.count])).toEqual([
      ['submitted', 1],
      ['rejected', 1],
      ['routed', 1],
      ['completed', 1],
      ['closed', 1],
    ]);
    expect(m.byMonth.map((r) => [r.month, r.submitted, r.byGroup.resolved])).toEqual([
      ['2026-01', 2, 2],
      ['2026-02', 2, 0],
      ['2026-03', 1, 0],
    ]);
    expect(m.medianDaysToFirstResponse).toBe(1.5);
    expect(m.respondedCount).toBe(4);
    expect(m.medianDaysToCompletion).toBe(20);
    expect(m.shareResolved).toEqual({ numerator: 2, denominator: 3, percent: 66.7 });
  });
});
