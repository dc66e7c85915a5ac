import request from 'supertest';
import { startRefusal } from '../../shared/src/meetings/session';
import { Meeting } from '../src/meetings/meetings.entity';
import { as, type MeetingWorld, meetingIn, meetingVote, meetingWorld } from './support/meetings';
import { eachDatabase, startTestServer, type TestServer, tableCounts } from './support/test-db';

jest.setTimeout(120_000);

describe.each(eachDatabase)('the live meeting session on %s', (_dialect, db) => {
  let server: TestServer;
  let world: MeetingWorld;
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    world = await meetingWorld(server);
  });
  afterAll(async () => server.close());

  const mod = () => as(server, world, 'moderator');
  const live = async (id: number, persona?: string) =>
    (await as(server, world, persona).get(`/api/meetings/${id}/live`)).body;
  const topicStatus = async (id: number) =>
    ((await server.dataSource.query('SELECT status FROM topic WHERE id = ?', [id])) as { status: string }[])[0]!.status;
  const auditActions = async (id: number) =>
    (
      (await server.dataSource.query(
        "SELECT action FROM audit_entry WHERE object_type = 'meeting' AND object_id = ? ORDER BY id",
        [id],
      )) as { action: string }[]
    ).map((r) => r.action);

  test('a meeting from notice to published minutes: items, speakers, votes, decisions, versions', async () => {
    const m = await meetingIn(server, world, 'announced');
    const versions: number[] = [(await live(m.id)).version];
    const step = async () => {
      const v = (await live(m.id)).version;
      expect(v).toBeGreaterThan(versions.at(-1)!);
      versions.push(v);
    };
    // The notice put every agenda topic on the agenda.
    for (const t of m.topicIds) expect(await topicStatus(t)).toBe('scheduled');

    const started = await mod().post(`/api/meetings/${m.id}/start`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_session', currentItem: null });
    expect(started.body.attendance).toMatchObject({ present: 3, councilPresent: 3, quorumMet: true });
    await step();

    // Nothing to speak on before an item is open.
    expect((await as(server, world, 'representative').post(`/api/meetings/${m.id}/floor-requests`)).status).toBe(409);
    const opened = await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/open`);
    expect(opened.body.currentItem).toMatchObject({ id: m.itemIds[0], topic: { id: m.topicIds[0] } });
    expect(opened.body.currentItem.topic.timeline.length).toBeGreaterThan(0);
    await step();
    expect((await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[1]}/open`)).body.error.message).toContain(
      '请先记录正在讨论的',
    );

    // Speakers: a participant asks, once; someone not checked in cannot; the moderator adds another.
    const asked = await as(server, world, 'representative').post(`/api/meetings/${m.id}/floor-requests`);
    expect(asked.status).toBe(201);
    await step();
    expect((await as(server, world, 'representative').post(`/api/meetings/${m.id}/floor-requests`)).status).toBe(409);
    expect((await as(server, world, 'social_org').post(`/api/meetings/${m.id}/floor-requests`)).status).toBe(403);
    expect((await as(server, world, 'owner').post(`/api/meetings/${m.id}/floor-requests`)).status).toBe(403);
    expect(
      (await mod().post(`/api/meetings/${m.id}/speakers`, { userId: world.userIds.social_org })).body.error.code,
    ).toBe('VALIDATION_FAILED');
    const added = await mod().post(`/api/meetings/${m.id}/speakers`, { userId: world.userIds.property_manager });
    expect(added.status).toBe(201);
    await step();
    const [first, second] = added.body.speakers.queue as { id: number; userId: number; name: string }[];
    expect(first!.userId).toBe(world.userIds.representative);
    expect(first!.name).toContain('*');
    expect(added.body.speakers.queue[1]).toMatchObject({ addedByModerator: true, label: expect.any(String) });

    // The public sees names masked and no user ids.
    const publicView = await live(m.id);
    expect(publicView.speakers.queue.every((s: { userId: number | null }) => s.userId === null)).toBe(true);

    // Only the moderator grants; one speaker at a time; the speaker may end their own speech.
    expect(
      (await as(server, world, 'representative').post(`/api/meetings/${m.id}/speakers/${first!.id}/grant`)).status,
    ).toBe(403);
    const granted = await mod().post(`/api/meetings/${m.id}/speakers/${first!.id}/grant`, { seconds: 120 });
    expect(granted.body.speakers.current).toMatchObject({ id: first!.id, seconds: 120, status: 'speaking' });
    expect(Date.parse(granted.body.speakers.current.startedAt)).toBeLessThanOrEqual(
      Date.parse(granted.body.serverTime),
    );
    await step();
    const before = await tableCounts(server.dataSource);
    expect((await mod().post(`/api/meetings/${m.id}/speakers/${second!.id}/grant`)).status).toBe(409);
    expect(
      (await as(server, world, 'owners_committee').post(`/api/meetings/${m.id}/speakers/${first!.id}/end`)).status,
    ).toBe(403);
    expect(await tableCounts(server.dataSource)).toEqual(before);
    const ended = await as(server, world, 'representative').post(`/api/meetings/${m.id}/speakers/${first!.id}/end`);
    expect(ended.body.speakers).toMatchObject({ current: null, done: [{ id: first!.id, status: 'done' }] });
    await step();
    await mod().post(`/api/meetings/${m.id}/speakers/${second!.id}/grant`).expect(200);
    await step();

    // A vote of the item still open blocks the conclusion; once closed it is linked.
    const openVote = await meetingVote(server, world, m.id, m.itemIds[0]!, 'open');
    expect((await live(m.id)).votes).toHaveLength(1);
    const blocked = await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/decide`, {
      outcome: 'decided',
      resolution: '同意更换门禁系统，由物业公司在两个月内完成。',
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain('请先结束本议题的表决');
    await server.dataSource.getRepository('Vote').delete({ id: openVote });
    const voteId = await meetingVote(server, world, m.id, m.itemIds[0]!, 'closed');
    const resolution = '同意更换门禁系统，由物业公司在两个月内完成。';
    const decided = await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/decide`, {
      outcome: 'decided',
      resolution,
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      currentItem: null,
      speakers: { current: null, queue: [] },
      decisions: [{ agendaItemId: m.itemIds[0], outcome: 'decided', resolution, voteIds: [voteId] }],
    });
    expect(decided.body.agenda[0]).toMatchObject({ status: 'done', outcome: 'decided' });
    await step();
    expect(await topicStatus(m.topicIds[0]!)).toBe('decided');
    const topic = (await request(server.callback).get(`/api/topics/${m.topicIds[0]}`)).body;
    expect(topic.timeline.at(-1)).toMatchObject({ action: 'decide', toStatus: 'decided', note: resolution });
    expect(topic.timeline.at(-1).data).toMatchObject({ meetingId: m.id, voteIds: [voteId] });
    // An item is concluded once; it cannot be opened again.
    expect((await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/open`)).status).toBe(409);

    // The second item: no decision → deliberated.
    await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[1]}/open`).expect(200);
    await step();
    await mod()
      .post(`/api/meetings/${m.id}/items/${m.itemIds[1]}/decide`, {
        outcome: 'no_decision',
        resolution: '意见分歧较大，下次再议',
      })
      .expect(200);
    await step();
    expect(await topicStatus(m.topicIds[1]!)).toBe('deliberated');

    // Close: the third item was never opened, its topic leaves the agenda; the minutes are drafted.
    const closed = await mod().post(`/api/meetings/${m.id}/close`);
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.agenda[2]).toMatchObject({ status: 'skipped' });
    await step();
    expect(await topicStatus(m.topicIds[2]!)).toBe('routed');
    expect((await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[2]}/open`)).status).toBe(409);

    // Minutes: the draft only for moderators; it holds agenda, attendance, speakers, votes and decisions.
    expect((await request(server.callback).get(`/api/meetings/${m.id}/minutes`)).status).toBe(404);
    const draft = (await mod().get(`/api/meetings/${m.id}/minutes`)).body;
    expect(draft).toMatchObject({ revision: 1, published: false });
    for (const part of ['一、会议基本情况', '二、出席情况', '三、会议议程', '四、议题讨论与结论', '五、未讨论事项'])
      expect(draft.text).toContain(part);
    expect(draft.text).toContain(`决议：${resolution}`);
    expect(draft.text).toContain('同意 3 票，反对 1 票，弃权 0 票');
    expect(draft.text).toContain('实到 3 人');
    expect(draft.text).toContain('意见分歧较大，下次再议');
    expect(draft.text).not.toMatch(/陈志强|孙主任|赵经理/);

    const edited = await mod().patch(`/api/meetings/${m.id}/minutes`, {
      text: `${draft.text}\n补充：会后由居委会跟进门禁更换进度。`,
      revision: 1,
    });
    expect(edited.body).toMatchObject({ revision: 2 });
    const stale = await mod().patch(`/api/meetings/${m.id}/minutes`, {
      text: `${draft.text}\n另一处修改`,
      revision: 1,
    });
    expect(stale.status).toBe(409);
    expect((await as(server, world, 'representative').post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(403);
    const published = await mod().post(`/api/meetings/${m.id}/minutes/publish`);
    expect(published.body).toMatchObject({ published: true, revision: 2, meetingStatus: 'minutes_published' });
    const publicMinutes = await request(server.callback).get(`/api/meetings/${m.id}/minutes`);
    expect(publicMinutes.body.text).toContain('会后由居委会跟进');
    // Published minutes are frozen.
    const frozen = await tableCounts(server.dataSource);
    expect(
      (await mod().patch(`/api/meetings/${m.id}/minutes`, { text: `${draft.text}\n再改`, revision: 2 })).status,
    ).toBe(409);
    expect((await mod().post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(409);
    expect(await tableCounts(server.dataSource)).toEqual(frozen);
    const note = (await as(server, world, 'representative').get('/api/notifications')).body.find(
      (n: { kind: string }) => n.kind === 'meeting_minutes',
    );
    expect(note).toBeDefined();

    expect(await auditActions(m.id)).toEqual(
      expect.arrayContaining([
        'meeting.schedule',
        'meeting.announce',
        'meeting.start',
        'meeting.openItem',
        'meeting.requestFloor',
        'meeting.addSpeaker',
        'meeting.grantFloor',
        'meeting.endSpeech',
        'meeting.decideItem',
        'meeting.close',
        'meeting.editMinutes',
        'meeting.publishMinutes',
      ]),
    );
  });

  test('every session action is refused outside its states, and the refusal changes nothing', async () => {
    const m = await meetingIn(server, world, 'in_session', 1);
    const meetings = server.dataSource.getRepository(Meeting);
    const attempts: [string, object][] = [
      [`/api/meetings/${m.id}/start`, {}],
      [`/api/meetings/${m.id}/announce`, {}],
      [`/api/meetings/${m.id}/cancel`, { reason: '临时有事' }],
      [`/api/meetings/${m.id}/items/${m.itemIds[0]}/open`, {}],
      [`/api/meetings/${m.id}/items/${m.itemIds[0]}/decide`, { outcome: 'no_decision' }],
      [`/api/meetings/${m.id}/speakers`, { userId: world.userIds.representative }],
      [`/api/meetings/${m.id}/close`, {}],
      [`/api/meetings/${m.id}/minutes/publish`, {}],
    ];
    const allowed: Record<string, string[]> = {
      start: ['announced'],
      announce: ['planned'],
      cancel: ['planned', 'announced'],
      open: ['in_session'],
      decide: [],
      speakers: [],
      close: ['in_session'],
      publish: ['closed'],
    };
    for (const status of ['planned', 'announced', 'in_session', 'closed', 'minutes_published', 'cancelled'] as const) {
      await meetings.update({ id: m.id }, { status, currentItemId: null });
      for (const [url, body] of attempts) {
        const verb = url.split('/').at(-1)!;
        if (allowed[verb]?.includes(status)) continue;
        const before = await tableCounts(server.dataSource);
        const res = await mod().post(url, body);
        expect([status, url, res.status]).toEqual([status, url, expect.any(Number)]);
        expect(res.status).toBeGreaterThanOrEqual(400);
        if (res.status === 409) expect(res.body.error.code).toBe('ILLEGAL_TRANSITION');
        expect(await tableCounts(server.dataSource)).toEqual(before);
      }
    }
    // Who may act: never a resident, never the moderator of another community's meeting.
    await meetings.update({ id: m.id }, { status: 'in_session' });
    for (const persona of ['resident', 'representative', 'owner']) {
      const before = await tableCounts(server.dataSource);
      expect((await as(server, world, persona).post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/open`)).status).toBe(
        403,
      );
      expect((await as(server, world, persona).post(`/api/meetings/${m.id}/close`)).status).toBe(403);
      expect(await tableCounts(server.dataSource)).toEqual(before);
    }
  });

  test('a meeting starts on its day only; a cancelled notice takes its topics off the agenda', async () => {
    const now = new Date('2026-03-10T06:00:00Z'); // 14:00 in Shanghai
    expect(startRefusal(new Date('2026-03-10T09:00:00Z'), now)).toContain('最早可提前 2 小时');
    expect(startRefusal(new Date('2026-03-10T07:30:00Z'), now)).toBeNull();
    expect(startRefusal(new Date('2026-03-09T02:00:00Z'), now)).toContain('日期已过');

    const m = await meetingIn(server, world, 'announced', 2);
    await server.dataSource
      .getRepository(Meeting)
      .update({ id: m.id }, { startsAt: new Date(Date.now() + 5 * 3_600_000) });
    const early = await mod().post(`/api/meetings/${m.id}/start`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('最早可提前 2 小时开始');
    expect(
      (await as(server, world, 'representative').post(`/api/meetings/${m.id}/cancel`, { reason: '场地冲突' })).status,
    ).toBe(403);
    const cancelled = await mod().post(`/api/meetings/${m.id}/cancel`, { reason: '场地冲突，另行通知' });
    expect(cancelled.body.status).toBe('cancelled');
    for (const t of m.topicIds) expect(await topicStatus(t)).toBe('routed');
    const note = (await as(server, world, 'representative').get('/api/notifications')).body.find(
      (n: { kind: string }) => n.kind === 'meeting_cancelled',
    );
    expect(note.body).toContain('场地冲突');
  });

  test('a long-poll answers as soon as the version moves, and at once when it already has', async () => {
    const m = await meetingIn(server, world, 'in_session', 1);
    const v = (await live(m.id)).version;
    expect((await request(server.callback).get(`/api/meetings/${m.id}/live?since=${v - 1}`)).body.version).toBe(v);
    const polling = request(server.callback)
      .get(`/api/meetings/${m.id}/live?since=${v}`)
      .then((r) => r.body);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/open`).expect(200);
    const answer = await polling;
    expect(answer.version).toBeGreaterThan(v);
    expect(answer.currentItem.id).toBe(m.itemIds[0]);
    // No change: the poll ends after `wait` seconds with the same version.
    const idle = await request(server.callback).get(`/api/meetings/${m.id}/live?since=${answer.version}&wait=1`);
    expect(idle.body.version).toBe(answer.version);
    // A planned meeting is not public.
    const planned = await meetingIn(server, world, 'planned', 1);
    expect((await request(server.callback).get(`/api/meetings/${planned.id}/live`)).status).toBe(404);
    expect((await mod().get(`/api/meetings/${planned.id}/live`)).status).toBe(200);
  });
});
