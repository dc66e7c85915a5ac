import type { LiveSpeaker, LiveState, LiveVote } from '@shared/meetings/live.schema';

/** Live states and votes as the live service delivers them, for page tests (only tests import this). */

export function aSpeaker(overrides: Partial<LiveSpeaker> = {}): LiveSpeaker {
  return {
    id: 31,
    userId: 21,
    name: '陈**',
    label: '居民代表',
    status: 'waiting',
    requestedAt: '2026-12-05T11:40:00.000Z',
    addedByModerator: false,
    startedAt: null,
    endedAt: null,
    seconds: null,
    ...overrides,
  };
}

export function aLiveVote(overrides: Partial<LiveVote> = {}): LiveVote {
  return {
    id: 51,
    communityId: 1,
    estateId: null,
    topicId: 8,
    title: '是否同意在东门加装充电桩',
    description: '',
    electorate: 'council',
    matter: null,
    majority: 'simple',
    base: 'YNA',
    quorum: null,
    secret: true,
    resultsLive: true,
    allowChange: false,
    status: 'open',
    closesAt: '2026-12-05T12:30:00.000Z',
    closedAt: null,
    participation: { voters: 0, entitled: 5, area: null },
    result: { yes: 0, no: 0, abstain: 0, invalid: 0, base: 0, quorumMet: true, passed: false },
    method: 'yes_no',
    options: [],
    maxChoices: null,
    councilId: 4,
    meetingId: 7,
    agendaItemId: 1,
    me: null,
    ...overrides,
  };
}

/** An in-session meeting with its first item open, nobody speaking and no vote. */
export function aLiveState(overrides: Partial<LiveState> = {}): LiveState {
  return {
    meetingId: 7,
    communityId: 1,
    version: 10,
    sessionVersion: 10,
    title: '十二月协商议事会',
    status: 'in_session',
    statusLabel: '会议进行中',
    startsAt: '2026-12-05T11:30:00.000Z',
    startedAt: '2026-12-05T11:31:00.000Z',
    closedAt: null,
    agenda: [
      { id: 1, position: 1, topicId: 8, title: '东门加装充电桩', minutes: 30, status: 'open', outcome: null },
      { id: 2, position: 2, topicId: 5, title: '广场舞时间调整', minutes: 20, status: 'pending', outcome: null },
    ],
    currentItem: {
      id: 1,
      position: 1,
      minutes: 30,
      openedAt: '2026-12-05T11:35:00.000Z',
      topic: {
        id: 8,
        title: '东门加装充电桩',
        description: '电动车在楼道充电有火灾隐患，希望在东门附近加装充电桩。',
        category: '安全隐患',
        status: 'scheduled',
        statusLabel: '已列入议程',
        authorName: '王**',
        place: '东门停车棚',
        photos: [],
        timeline: [],
      },
    },
    speakers: { current: null, queue: [], done: [] },
    votes: [],
    attendance: { present: 3, councilPresent: 3, councilSeats: 5, quorumMet: true },
    decisions: [],
    serverTime: '2026-12-05T11:40:00.000Z',
    ...overrides,
  };
}
