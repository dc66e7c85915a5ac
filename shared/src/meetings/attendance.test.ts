import { describeQuorum, hasQuorum, quorumThreshold } from './attendance';

describe('meeting quorum', () => {
  test('more than half of the seat holders', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(quorumThreshold)).toEqual([0, 1, 2, 2, 3, 3, 4]);
  });
  test('the sentence residents read', () => {
    expect(describeQuorum({ councilPresent: 4, councilSeats: 5, quorumMet: true })).toBe('已签到 4/5，已达法定人数');
    expect(describeQuorum({ councilPresent: 1, councilSeats: 5, quorumMet: false })).toBe(
      '已签到 1/5，还差 2 人达到法定人数',
    );
    expect(describeQuorum({ councilPresent: 2, councilSeats: 4, quorumMet: false })).toBe(
      '已签到 2/4，还差 1 人达到法定人数',
    );
  });
});

test('the quorum is more than half of the seats, and never met without seats', () => {
  expect([0, 1, 2, 3].map((present) => hasQuorum(present, 4))).toEqual([false, false, false, true]);
  expect(hasQuorum(3, 5)).toBe(true);
  expect(hasQuorum(2, 5)).toBe(false);
  expect(hasQuorum(0, 0)).toBe(false);
});
