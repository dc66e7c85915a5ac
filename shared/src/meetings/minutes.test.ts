import { describeVoteResult, draftMinutes, type MinutesInput } from './minutes';
import { availableMeetingActions, meetingActionRefusal, startRefusal } from './session';

const input: MinutesInput = {
  title: '十二月协商议事会',
  startsAt: new Date('2026-12-01T06:00:00Z'),
  startedAt: new Date('2026-12-01T06:05:00Z'),
  closedAt: new Date('2026-12-01T07:40:00Z'),
  place: '社区党群服务中心',
  mode: 'offline',
  moderator: '刘*（社区工作者）',
  council: [
    { name: '陈**', label: '居民代表', present: true },
    { name: '赵**', label: '物业公司', present: true },
    { name: '孙**', label: '业主委员会', present: false },
  ],
  guests: [{ name: '周**', present: true }],
  quorumMet: true,
  items: [
    {
      position: 1,
      title: '更换小区门禁系统',
      minutes: 30,
      status: 'done',
      speakers: [{ name: '陈**', label: '居民代表', seconds: 150 }],
      votes: [
        {
          title: '是否同意更换门禁',
          status: 'closed',
          voters: 3,
          entitled: 3,
          result: { yes: 2, no: 1, abstain: 0, invalid: 0, base: 3, quorumMet: true, passed: true },
        },
      ],
      outcome: 'decided',
      resolution: '同意更换，物业两个月内完成。',
    },
    {
      position: 2,
      title: '增设充电桩',
      minutes: 20,
      status: 'skipped',
      speakers: [],
      votes: [],
      outcome: null,
      resolution: '',
    },
  ],
};

describe('meeting minutes', () => {
  it('drafts sections from the facts, attendance, agenda, discussion and what was not discussed', () => {
    const text = draftMinutes(input);
    expect(text.split('\n')[0]).toBe('十二月协商议事会 会议纪要');
    expect(text).toContain('时间：2026年12月1日 14:00（实际 14:05 开始，15:40 结束）');
    expect(text).toContain('应到议事会成员 3 人，实到 2 人，超过半数');
    expect(text).toContain('缺席：孙**（业主委员会）');
    expect(text).toContain('列席：周**');
    expect(text).toContain('1. 更换小区门禁系统（安排 30 分钟）');
    expect(text).toContain('（一）更换小区门禁系统');
    expect(text).toContain('发言：陈**（居民代表，3 分钟）');
    expect(text).toContain('同意 2 票，反对 1 票，弃权 0 票（参与 3/3）；通过');
    expect(text).toContain('决议：同意更换，物业两个月内完成。');
    expect(text).toContain('五、未讨论事项\n2. 增设充电桩');
  });

  it('describes owners’ results and votes that failed for want of participation', () => {
    expect(
      describeVoteResult({
        title: '使用维修资金',
        status: 'closed',
        voters: 80,
        entitled: 120,
        result: {
          participating: { owners: 80, area: '7200.50' },
          yes: { owners: 70, area: '6400.00' },
          quorumMet: true,
          passed: true,
        },
      }),
    ).toContain('参与业主 80 人、面积 7200.50 ㎡，同意 70 人、6400.00 ㎡；通过');
    expect(
      describeVoteResult({
        title: 'x',
        status: 'closed',
        voters: 1,
        entitled: 9,
        result: { yes: 1, quorumMet: false, passed: false },
      }),
    ).toContain('参与人数未达法定要求');
  });
});

describe('the meeting lifecycle table', () => {
  it('names the state when an action is refused', () => {
    expect(meetingActionRefusal('start', 'announced')).toBeNull();
    expect(meetingActionRefusal('start', 'closed')).toBe('会议当前为“已结束”，不能开始会议');
    expect(meetingActionRefusal('publishMinutes', 'minutes_published')).toContain('纪要已公布');
    expect(availableMeetingActions('in_session', ['participant'])).toEqual([
      'requestFloor',
      'endSpeech',
      'withdrawSpeaker',
    ]);
  });

  it('a meeting starts from two hours before its time until the end of its day in Shanghai', () => {
    const startsAt = new Date('2026-03-10T12:00:00Z'); // 20:00 in Shanghai
    expect(startRefusal(startsAt, new Date('2026-03-10T09:59:00Z'))).toContain('最早可提前 2 小时');
    expect(startRefusal(startsAt, new Date('2026-03-10T10:00:00Z'))).toBeNull();
    expect(startRefusal(startsAt, new Date('2026-03-10T15:59:00Z'))).toBeNull(); // 23:59 in Shanghai
    expect(startRefusal(startsAt, new Date('2026-03-10T16:00:00Z'))).toContain('日期已过'); // the next day
  });
});
