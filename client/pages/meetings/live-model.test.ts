import { aLiveState, aLiveVote, aSpeaker } from './live-fixtures';
import {
  clockSkew,
  connectionLabel,
  describeCountdown,
  formatCountdown,
  moderatorStep,
  myFloor,
  nextPendingItem,
  participantStep,
  secondsLeft,
  tallyText,
  verdictText,
  voteOnScreen,
} from './live-model';
import { newer } from './use-live-meeting';

describe('the live meeting model', () => {
  it('names each connection mode truthfully', () => {
    expect(connectionLabel('socket').text).toBe('实时');
    expect(connectionLabel('connecting').text).toBe('重新连接中');
    expect(connectionLabel('polling').text).toBe('轮询');
    expect(connectionLabel('stopped').text).toBe('已断开');
  });

  it('counts a speaker down on the server clock, whatever the phone clock says', () => {
    const state = aLiveState({ serverTime: '2026-12-05T11:40:00.000Z' });
    // The phone runs 90 seconds fast.
    const receivedAt = Date.parse('2026-12-05T11:41:30.000Z');
    const skew = clockSkew(state, receivedAt);
    expect(skew).toBe(90_000);
    const speaker = aSpeaker({ status: 'speaking', startedAt: '2026-12-05T11:39:00.000Z', seconds: 180 });
    // 30 s after the state arrived: 11:40:30 on the server, 90 s into the 180 s.
    expect(secondsLeft(speaker, receivedAt + 30_000, skew)).toBe(90);
    expect(secondsLeft(speaker, receivedAt + 200_000, skew)).toBe(-80);
    expect(secondsLeft(aSpeaker(), receivedAt, skew)).toBeNull();
  });

  it('formats the countdown for eyes and for screen readers', () => {
    expect(formatCountdown(125)).toBe('2:05');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-40)).toBe('超时 0:40');
    expect(describeCountdown(125)).toBe('剩余 2 分 5 秒');
    expect(describeCountdown(120)).toBe('剩余 2 分钟');
    expect(describeCountdown(45)).toBe('剩余 45 秒');
    expect(describeCountdown(-40)).toBe('已超时 40 秒');
  });

  it("finds the viewer's place on the list of speakers", () => {
    const state = aLiveState({
      speakers: {
        current: aSpeaker({ id: 30, userId: 20, status: 'speaking' }),
        queue: [aSpeaker({ id: 31, userId: 21 }), aSpeaker({ id: 32, userId: 22 })],
        done: [],
      },
    });
    expect(myFloor(state, 22)).toEqual({ kind: 'waiting', speakerId: 32, place: 2 });
    expect(myFloor(state, 20)).toEqual({ kind: 'speaking', speakerId: 30 });
    expect(myFloor(state, 23)).toEqual({ kind: 'none' });
    expect(myFloor(state, undefined)).toEqual({ kind: 'none' });
  });

  it('shows the open vote first, else the last closed one, with its tally and verdict', () => {
    const closed = aLiveVote({
      id: 50,
      status: 'closed',
      result: { yes: 2, no: 1, abstain: 0, invalid: 0, base: 3, quorumMet: true, passed: true },
    });
    const open = aLiveVote({ id: 51 });
    expect(voteOnScreen(aLiveState({ votes: [closed, open] }))?.id).toBe(51);
    expect(voteOnScreen(aLiveState({ votes: [closed] }))?.id).toBe(50);
    expect(voteOnScreen(aLiveState())).toBeUndefined();
    expect(tallyText(closed)).toBe('同意 2 · 反对 1 · 弃权 0');
    expect(verdictText(closed)).toBe('通过');
    expect(verdictText(open)).toBeUndefined();
    expect(tallyText(aLiveVote({ result: null }))).toBeUndefined();
    expect(
      verdictText(
        aLiveVote({ status: 'closed', result: { yes: 1, no: 0, abstain: 0, quorumMet: false, passed: false } }),
      ),
    ).toBe('未通过（参与人数不足）');
  });

  it('tells the moderator and the participants what comes next', () => {
    const between = aLiveState({
      currentItem: null,
      agenda: [
        { id: 1, position: 1, topicId: 8, title: '东门加装充电桩', minutes: 30, status: 'done', outcome: 'decided' },
        { id: 2, position: 2, topicId: 5, title: '广场舞时间调整', minutes: 20, status: 'pending', outcome: null },
      ],
    });
    expect(nextPendingItem(between)?.id).toBe(2);
    expect(moderatorStep(between)).toBe('请开始下一个议题：广场舞时间调整');
    expect(participantStep(between)).toBe('请稍候，主持人即将开始下一个议题');
    expect(moderatorStep(aLiveState({ votes: [aLiveVote()] }))).toBe('表决进行中：大家投票后，结束表决。');
    expect(participantStep(aLiveState())).toBe('正在讨论第 1 项议题');
    expect(moderatorStep(aLiveState({ status: 'announced', currentItem: null }))).toBe('已达法定人数，可以开始会议。');
    expect(
      moderatorStep(
        aLiveState({
          status: 'announced',
          currentItem: null,
          attendance: { present: 1, councilPresent: 1, councilSeats: 5, quorumMet: false },
        }),
      ),
    ).toBe('已签到 1/5，还差 2 人达到法定人数。未达法定人数也可以开始，但表决结果可能无效。');
    expect(participantStep(aLiveState({ status: 'closed' }))).toBe('会议已结束，会议纪要整理后公布。');
  });

  it('keeps the newer of a pushed state and an action’s answer', () => {
    const v10 = aLiveState({ version: 10 });
    const v11 = aLiveState({ version: 11 });
    const held = newer(undefined, v11, 1);
    expect(newer(held, v10, 2)).toBe(held);
    expect(newer(held, v11, 2)).toBe(held);
    expect(newer(held, aLiveState({ version: 12 }), 3).state.version).toBe(12);
  });
});
