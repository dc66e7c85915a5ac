/**
 * The meeting's quorum (DESIGN.md §3.2): more than half of the council's
 * seat holders checked in. Guests do not count. The server reports
 * `quorumMet`; the client uses the same rule to say how many are missing.
 */

/** Seat holders needed: more than half of `seats` (3 of 5, 3 of 4); none for a council without seats. */
export function quorumThreshold(seats: number): number {
  return seats <= 0 ? 0 : Math.floor(seats / 2) + 1;
}

/** Whether `present` seat holders make the quorum of a council with `seats` seats (never without seats). */
export function hasQuorum(present: number, seats: number): boolean {
  return seats > 0 && present >= quorumThreshold(seats);
}

export interface AttendanceCount {
  councilPresent: number;
  councilSeats: number;
  quorumMet: boolean;
}

/** 已签到 4/5，已达法定人数 — or 已签到 1/5，还差 2 人达到法定人数. */
export function describeQuorum({ councilPresent, councilSeats, quorumMet }: AttendanceCount): string {
  const count = `已签到 ${councilPresent}/${councilSeats}`;
  if (quorumMet) return `${count}，已达法定人数`;
  const missing = Math.max(1, quorumThreshold(councilSeats) - councilPresent);
  return `${count}，还差 ${missing} 人达到法定人数`;
}
