import { fenToYuan, formatYuan, parseYuan } from './money';
import {
  availableProjectActions,
  checkProjectTransition,
  PROJECT_ACTIONS,
  PROJECT_STATUSES,
  PROJECT_TRANSITIONS,
} from './project-states';

describe('project workflow table', () => {
  it('walks the whole way from demand to evaluation', () => {
    const path: [Parameters<typeof checkProjectTransition>[0], Parameters<typeof checkProjectTransition>[2]][] = [
      ['design', 'moderator'],
      ['submitFiling', 'moderator'],
      ['approveFiling', 'subdistrict_admin'],
      ['openCall', 'moderator'],
      ['apply', 'social_org'],
      ['select', 'moderator'],
      ['reportProgress', 'selected_org'],
      ['supervise', 'supervisor'],
      ['complete', 'moderator'],
      ['evaluate', 'subdistrict_admin'],
    ];
    let status: (typeof PROJECT_STATUSES)[number] = 'demand';
    for (const [action, actor] of path) {
      const check = checkProjectTransition(action, status, actor);
      if (!check.ok) throw new Error(check.reason);
      status = check.to;
    }
    expect(status).toBe('evaluated');
  });

  it('refuses with a sentence naming the state, or the actor', () => {
    expect(checkProjectTransition('openCall', 'filed', 'moderator')).toEqual({
      ok: false,
      reason: '项目当前为“待街道备案”，不能发布公开征集',
    });
    expect(checkProjectTransition('approveFiling', 'filed', 'moderator')).toEqual({
      ok: false,
      reason: '您不能对这个项目进行“街道备案通过”',
    });
    expect(checkProjectTransition('design', 'returned', 'moderator')).toEqual({ ok: true, to: 'designing' });
  });

  it('leads only to known statuses, and nothing leaves an evaluated or cancelled project', () => {
    for (const action of PROJECT_ACTIONS) {
      const t = PROJECT_TRANSITIONS[action];
      expect(t.to === 'same' || PROJECT_STATUSES.includes(t.to)).toBe(true);
      expect(t.from).not.toContain('evaluated');
      expect(t.from).not.toContain('cancelled');
    }
    expect(availableProjectActions('evaluated', ['moderator', 'subdistrict_admin', 'supervisor'])).toEqual([]);
    expect(availableProjectActions('in_progress', ['supervisor'])).toEqual(['supervise']);
  });
});

describe('budgets in fen', () => {
  it('parses typed yuan exactly and refuses anything else', () => {
    expect(parseYuan('86000.50')).toBe(8_600_050);
    expect(parseYuan('￥1,234.5元')).toBe(123_450);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('10000000')).toBe(1_000_000_000);
    for (const bad of ['10000000.01', '12.345', '-5', '1e3', '', '0012', 'abc', '1.'])
      expect(parseYuan(bad)).toBeUndefined();
  });

  it('formats fen for people and for forms', () => {
    expect(formatYuan(8_600_050)).toBe('86,000.50 元');
    expect(formatYuan(1_000_000_000)).toBe('10,000,000 元');
    expect(formatYuan(7)).toBe('0.07 元');
    expect(fenToYuan(8_600_050)).toBe('86000.50');
  });
});
