import { addToAgenda } from './agenda';
import { emptyScheduleForm, type ScheduleForm, startsAtOf, validateScheduleForm } from './schedule-form';

/** 2026-11-27 10:00 in Beijing. */
const NOW = Date.parse('2026-11-27T02:00:00.000Z');

function filled(overrides: Partial<ScheduleForm> = {}): ScheduleForm {
  return {
    ...emptyScheduleForm(),
    councilId: 4,
    title: '  十二月协商议事会 ',
    date: '2026-12-05',
    time: '19:30',
    place: '社区党群服务中心二楼会议室',
    mode: 'hybrid',
    noticeDays: 3,
    guests: [{ userId: 31, name: '赵敏' }],
    agenda: addToAgenda(addToAgenda([], { id: 8, title: '东门充电桩' }), { id: 5, title: '广场舞时间' }),
    ...overrides,
  };
}

describe('schedule form', () => {
  it('reads the date and time as Beijing time', () => {
    expect(startsAtOf('2026-12-05', '19:30')).toBe('2026-12-05T11:30:00.000Z');
    expect(startsAtOf('2026-12-5', '9：05')).toBe('2026-12-05T01:05:00.000Z');
    expect(startsAtOf('2026-12-01', '07:00')).toBe('2026-11-30T23:00:00.000Z');
    expect(startsAtOf('2026-02-30', '19:00')).toBeUndefined();
    expect(startsAtOf('2026-13-01', '19:00')).toBeUndefined();
    expect(startsAtOf('2026-12-05', '24:00')).toBeUndefined();
    expect(startsAtOf('12/05/2026', '19:00')).toBeUndefined();
  });

  it('makes the request body from a filled form', () => {
    expect(validateScheduleForm(filled(), NOW)).toEqual({
      errors: {},
      body: {
        councilId: 4,
        title: '十二月协商议事会',
        startsAt: '2026-12-05T11:30:00.000Z',
        place: '社区党群服务中心二楼会议室',
        mode: 'hybrid',
        noticeDays: 3,
        guestUserIds: [31],
        agenda: [
          { topicId: 8, minutes: 20 },
          { topicId: 5, minutes: 20 },
        ],
      },
    });
  });

  it('says what is missing on an empty form, and makes no body', () => {
    expect(validateScheduleForm(emptyScheduleForm(), NOW)).toEqual({
      errors: {
        councilId: '请选择召开会议的议事会',
        title: '会议名称至少 4 个字',
        date: '请按“2026-12-20”的格式填写日期',
        place: '请填写会议地点，至少 2 个字',
        agenda: '议程至少包含一个议题',
      },
    });
  });

  it('refuses times that are wrong, past, or too soon for the notice period', () => {
    expect(validateScheduleForm(filled({ time: '7点半' }), NOW).errors).toEqual({
      time: '请按“19:30”的格式填写时间',
    });
    expect(validateScheduleForm(filled({ date: '2026-02-30' }), NOW).errors).toEqual({
      date: '没有这一天或这个时间，请核对',
    });
    expect(validateScheduleForm(filled({ date: '2026-11-27', time: '09:00' }), NOW).errors).toEqual({
      date: '会议时间应晚于现在',
    });
    const soon = validateScheduleForm(filled({ date: '2026-11-29' }), NOW);
    expect(soon.errors).toEqual({
      date: '会议通知须至少提前 3 天发布，请把会议时间定在 3 天以后，或缩短通知期',
    });
    expect(soon.body).toBeUndefined();
    // With one day's notice the same date is fine.
    expect(validateScheduleForm(filled({ date: '2026-11-29', noticeDays: 1 }), NOW).body?.noticeDays).toBe(1);
  });

  it('refuses a short title or place', () => {
    expect(validateScheduleForm(filled({ title: '开会', place: ' 楼' }), NOW).errors).toEqual({
      title: '会议名称至少 4 个字',
      place: '请填写会议地点，至少 2 个字',
    });
  });
});
