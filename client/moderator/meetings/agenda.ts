/**
 * The agenda builder's list: topics in the order they will be discussed,
 * each with its minutes. Pure functions; the page keeps the list in state.
 */

export const MINUTES_MIN = 5;
export const MINUTES_MAX = 180;
export const MINUTES_STEP = 5;
export const MINUTES_DEFAULT = 20;
/** The most items one agenda takes (the server's limit). */
export const AGENDA_MAX = 20;

export interface AgendaDraftItem {
  topicId: number;
  title: string;
  minutes: number;
}

/** Adds a topic at the end (once; not beyond AGENDA_MAX). */
export function addToAgenda(
  agenda: readonly AgendaDraftItem[],
  topic: { id: number; title: string },
): AgendaDraftItem[] {
  if (agenda.length >= AGENDA_MAX || agenda.some((item) => item.topicId === topic.id)) return [...agenda];
  return [...agenda, { topicId: topic.id, title: topic.title, minutes: MINUTES_DEFAULT }];
}

export function removeFromAgenda(agenda: readonly AgendaDraftItem[], topicId: number): AgendaDraftItem[] {
  return agenda.filter((item) => item.topicId !== topicId);
}

/** Moves the item at `index` one place up (-1) or down (+1); nothing happens at either end. */
export function moveInAgenda(agenda: readonly AgendaDraftItem[], index: number, step: -1 | 1): AgendaDraftItem[] {
  const target = index + step;
  if (index < 0 || index >= agenda.length || target < 0 || target >= agenda.length) return [...agenda];
  const next = [...agenda];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** Changes an item's minutes by `delta`, kept within 5–180. */
export function changeMinutes(agenda: readonly AgendaDraftItem[], topicId: number, delta: number): AgendaDraftItem[] {
  return agenda.map((item) =>
    item.topicId === topicId
      ? { ...item, minutes: Math.min(MINUTES_MAX, Math.max(MINUTES_MIN, item.minutes + delta)) }
      : item,
  );
}

export function agendaMinutes(agenda: readonly AgendaDraftItem[]): number {
  return agenda.reduce((sum, item) => sum + item.minutes, 0);
}
