import {
  AGENDA_MAX,
  type AgendaDraftItem,
  addToAgenda,
  agendaMinutes,
  changeMinutes,
  moveInAgenda,
  removeFromAgenda,
} from './agenda';

const topic = (id: number) => ({ id, title: `议题${id}` });
const ids = (agenda: AgendaDraftItem[]) => agenda.map((item) => item.topicId);

describe('agenda builder', () => {
  it('adds topics at the end, once each, with 20 minutes', () => {
    let agenda = addToAgenda([], topic(1));
    agenda = addToAgenda(agenda, topic(2));
    agenda = addToAgenda(agenda, topic(1));
    expect(agenda).toEqual([
      { topicId: 1, title: '议题1', minutes: 20 },
      { topicId: 2, title: '议题2', minutes: 20 },
    ]);
  });

  it('takes at most 20 topics', () => {
    let agenda: AgendaDraftItem[] = [];
    for (let id = 1; id <= AGENDA_MAX + 3; id++) agenda = addToAgenda(agenda, topic(id));
    expect(agenda).toHaveLength(AGENDA_MAX);
  });

  it('moves an item up and down; nothing moves past either end', () => {
    const agenda = [1, 2, 3].reduce<AgendaDraftItem[]>((list, id) => addToAgenda(list, topic(id)), []);
    expect(ids(moveInAgenda(agenda, 2, -1))).toEqual([1, 3, 2]);
    expect(ids(moveInAgenda(agenda, 0, 1))).toEqual([2, 1, 3]);
    expect(ids(moveInAgenda(agenda, 0, -1))).toEqual([1, 2, 3]);
    expect(ids(moveInAgenda(agenda, 2, 1))).toEqual([1, 2, 3]);
    expect(ids(moveInAgenda(agenda, 7, -1))).toEqual([1, 2, 3]);
    // The list given is never changed.
    expect(ids(agenda)).toEqual([1, 2, 3]);
  });

  it('removes an item', () => {
    const agenda = [1, 2, 3].reduce<AgendaDraftItem[]>((list, id) => addToAgenda(list, topic(id)), []);
    expect(ids(removeFromAgenda(agenda, 2))).toEqual([1, 3]);
  });

  it('changes minutes in steps, kept within 5 to 180, and adds them up', () => {
    let agenda = addToAgenda(addToAgenda([], topic(1)), topic(2));
    agenda = changeMinutes(agenda, 1, 10);
    expect(agenda.map((i) => i.minutes)).toEqual([30, 20]);
    for (let i = 0; i < 10; i++) agenda = changeMinutes(agenda, 2, -5);
    expect(agenda[1]!.minutes).toBe(5);
    for (let i = 0; i < 50; i++) agenda = changeMinutes(agenda, 1, 5);
    expect(agenda[0]!.minutes).toBe(180);
    expect(agendaMinutes(agenda)).toBe(185);
  });
});
