import type { MeetingView } from '@/services/meetings';

/** A meeting as `GET /api/meetings/:id` answers it, for page tests. */
export function aMeeting(overrides: Partial<MeetingView> = {}): MeetingView {
  return {
    id: 7,
    communityId: 1,
    councilId: 4,
    title: '十二月协商议事会',
    startsAt: '2026-12-05T11:30:00.000Z',
    place: '社区党群服务中心二楼会议室',
    mode: 'hybrid',
    status: 'announced',
    statusLabel: '已发布通知',
    noticeDays: 3,
    announcedAt: '2026-11-27T02:00:00.000Z',
    agenda: [
      { id: 1, position: 1, topicId: 8, title: '东门加装充电桩', minutes: 30 },
      { id: 2, position: 2, topicId: 5, title: '广场舞时间调整', minutes: 20 },
    ],
    invitees: [
      { name: '陈**', role: 'council', present: true },
      { name: '王**', role: 'council', present: false },
      { name: '孙**', role: 'council', present: false },
      { name: '赵**', role: 'council', present: false },
      { name: '周**', role: 'council', present: false },
      { name: '吴**', role: 'guest', present: false },
    ],
    attendance: { present: 1, councilPresent: 1, councilSeats: 5, quorumMet: false },
    checkInCode: null,
    me: { invited: true, present: false },
    ...overrides,
  };
}
