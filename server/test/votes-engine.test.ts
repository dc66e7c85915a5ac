import request from 'supertest';
import { verifyLog } from '../../shared/src/votes/ballot-log';
import { AuditEntry } from '../src/audit/audit.entity';
import { Council, Seat } from '../src/councils/councils.entity';
import type { AppEventMap } from '../src/events/app-events';
import { AgendaItem, Meeting, MeetingInvitee } from '../src/meetings/meetings.entity';
import { Topic } from '../src/topics/topics.entity';
import { Ballot, PaperBallot, VoteParticipation } from '../src/votes/votes.entity';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { communityIdOf, PNG } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

// Generous: MariaDB migrations and the demo seed are slow on a busy shared machine.
jest.setTimeout(120_000);

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString();

/** A small deterministic generator, so a failing case can be replayed. */
function lcg(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
}

describe.each(eachDatabase)('vote engine on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let estateId: number;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, number> = {};
  const events: AppEventMap['vote.changed'][] = [];
  const post = (token: string | undefined, url: string, body: object = {}) => {
    const req = request(server.callback).post(url);
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body);
  };
  const get = (token: string | undefined, url: string) => {
    const req = request(server.callback).get(url);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  const openVote = async (over: Record<string, unknown> = {}) => {
    const res = await post(tokens.moderator, '/api/votes', {
      communityId,
      title: '是否同意增设电动车充电桩',
      electorate: 'residents',
      closesAt: inTwoWeeks(),
      ...over,
    });
    if (res.status !== 201) throw new Error(`createVote ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as number;
  };

  /** Makes `n` verified residents of the community (one unit each) and returns their tokens. */
  async function verifiedResidents(n: number, tag: string): Promise<string[]> {
    const units = (await server.dataSource.query(
      `SELECT u.id, u.estate_id FROM unit u WHERE u.community_id = ? AND u.id NOT IN (SELECT unit_id FROM unit_claim) ORDER BY u.id LIMIT ${n}`,
      [communityId],
    )) as { id: number; estate_id: number }[];
    const result: string[] = [];
    for (const [i, unit] of units.entries()) {
      await server.dataSource.query(
        "INSERT INTO app_user (nickname, status, token_version, large_text, created_at, updated_at) VALUES (?, 'active', 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        [`${tag}${i}`],
      );
      const user = (
        (await server.dataSource.query('SELECT id FROM app_user WHERE nickname = ?', [`${tag}${i}`])) as {
          id: number;
        }[]
      )[0]!;
      await server.dataSource.query(
        "INSERT INTO membership (user_id, community_id, status, created_at, updated_at) VALUES (?, ?, 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        [user.id, communityId],
      );
      await server.dataSource.query(
        "INSERT INTO unit_claim (user_id, unit_id, community_id, estate_id, relation, status, claimed_name, roster_matched, created_at, updated_at) VALUES (?, ?, ?, ?, 'tenant', 'approved', ?, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        [user.id, unit.id, communityId, unit.estate_id, `${tag}${i}`],
      );
      result.push((await server.services.tokens.issue({ userId: Number(user.id), version: 0 })).token);
    }
    return result;
  }

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    server.services.events.on('vote.changed', (e) => events.push(e));
    communityId = await communityIdOf(server, '和平里社区');
    estateId = Number(
      ((await server.dataSource.query("SELECT id FROM estate WHERE name = '锦绣华庭'")) as { id: number }[])[0]!.id,
    );
    for (const p of [
      'moderator',
      'resident',
      'owner',
      'representative',
      'owners_committee',
      'property_manager',
      'social_org',
      'newcomer',
      'grid_worker',
    ]) {
      tokens[p] = await personaToken(server, p);
      userIds[p] = (await get(tokens[p], '/api/me')).body.id as number;
    }
  });
  afterAll(async () => server.close());

  describe('choice methods', () => {
    let voters: string[];
    beforeAll(async () => {
      voters = await verifiedResidents(24, 'choice-');
    });

    /** Casts `selections` (one per voter), closes, and checks the result against a count made here. */
    async function castAndCheck(
      method: 'single' | 'multiple' | 'election',
      options: string[],
      maxChoices: number,
      selections: number[][],
    ) {
      const id = await openVote({
        title: `选择方式测试（${method}）`,
        method,
        options,
        ...(method === 'single' ? {} : { maxChoices }),
        base: 'cast',
        resultsLive: true,
      });
      const view = (await get(tokens.resident, `/api/votes/${id}`)).body;
      expect(view.method).toBe(method);
      expect(view.options.map((o: { label: string }) => o.label)).toEqual(options);
      for (const [i, selection] of selections.entries()) {
        await post(voters[i], `/api/votes/${id}/ballots`, { options: selection }).expect(201);
      }
      const closed = await post(tokens.moderator, `/api/votes/${id}/close`);
      expect(closed.status).toBe(200);
      const result = closed.body;
      // Independent count: each option's votes; an option meets the rule with more than half of the ballots cast.
      const votes = options.map((_, i) => selections.filter((s) => s.includes(i + 1)).length);
      expect(result.options.map((o: { votes: number }) => o.votes)).toEqual(votes);
      const qualifying = votes
        .map((v, i) => ({ position: i + 1, v }))
        .filter((o) => o.v * 2 > selections.length)
        .sort((a, b) => b.v - a.v || a.position - b.position);
      const seats = method === 'single' ? 1 : method === 'multiple' ? options.length : maxChoices;
      const expected = qualifying.slice(0, seats).map((o) => o.position);
      expect(qualifying.length <= seats || qualifying[seats - 1]!.v !== qualifying[seats]!.v).toBe(true);
      expect(result.chosen).toEqual(expected);
      expect(result.passed).toBe(expected.length > 0);
      const record = (await get(undefined, `/api/votes/${id}/record`)).body;
      expect(record.vote).toMatchObject({ kind: 'choice', method, options });
      expect(record.entries).toHaveLength(selections.length);
      const verified = verifyLog(record);
      expect(verified.valid).toBe(true);
      if (verified.valid) expect(verified.tally).toEqual(result);
      return id;
    }

    test('single choice through the API equals an independent count, and the record verifies', async () => {
      const next = lcg(7);
      const selections = Array.from({ length: 21 }, () => [next(5) < 3 ? 1 : next(3) + 1]);
      await castAndCheck('single', ['中心花园', '北门空地', '3号楼旁'], 1, selections);
    });

    test('multiple choice (max 2) and an election (2 of 4) equal an independent count', async () => {
      const next = lcg(11);
      const multiple = Array.from({ length: 20 }, () => {
        const first = next(4) + 1;
        const second = next(4) + 1;
        return first === second ? [first] : [first, second];
      });
      await castAndCheck('multiple', ['健身器材', '儿童滑梯', '乒乓球台', '凉亭'], 2, multiple);
      const election = Array.from({ length: 23 }, (_, i) => (i < 16 ? [1, 2] : i < 20 ? [3] : [2, 4]));
      await castAndCheck('election', ['张三', '李四', '王五', '赵六'], 2, election);
    });

    test('a selection that breaks the method is refused with a clear message and nothing is written', async () => {
      const id = await openVote({ method: 'multiple', options: ['甲', '乙', '丙'], maxChoices: 2 });
      const before = await tableCounts(server.dataSource);
      for (const body of [{ options: [1, 2, 3] }, { options: [4] }, { options: [] }, { choice: 'yes' }, {}]) {
        const res = await post(voters[0], `/api/votes/${id}/ballots`, body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      const yesNo = await openVote();
      expect((await post(voters[0], `/api/votes/${yesNo}/ballots`, { options: [1] })).status).toBe(400);
      const after = await tableCounts(server.dataSource);
      expect(after.ballot).toBe(before.ballot);
      const bad = await post(tokens.moderator, '/api/votes', {
        communityId,
        title: '选项缺失的表决',
        electorate: 'residents',
        method: 'multiple',
        options: ['甲', '乙'],
        maxChoices: 3,
        closesAt: inTwoWeeks(),
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.error.details)).toContain('每票最多可选的项数不能多于选项数');
    });

    test('an owners’ election weighs each candidate by area and headcount, and its record verifies', async () => {
      const id = await openVote({
        electorate: 'owners',
        estateId,
        method: 'election',
        options: ['孙玉梅', '李建国', '何德明'],
        maxChoices: 2,
        title: '选举锦绣华庭业主委员会委员',
      });
      await post(tokens.owner, `/api/votes/${id}/ballots`, { options: [1, 2] }).expect(201);
      await post(tokens.owners_committee, `/api/votes/${id}/ballots`, { options: [1] }).expect(201);
      const result = (await post(tokens.moderator, `/api/votes/${id}/close`)).body;
      expect(result.options.map((o: { votes: number }) => o.votes)).toEqual([2, 1, 0]);
      expect(result.quorumMet).toBe(false);
      const record = (await get(undefined, `/api/votes/${id}/record`)).body;
      expect(record.vote.kind).toBe('owners_election');
      const verified = verifyLog(record);
      expect(verified).toMatchObject({ valid: true });
      if (verified.valid) expect(verified.tally).toEqual(result);
      expect(record.entries.every((e: { weight: string }) => /^\d+\.\d{2}$/.test(e.weight))).toBe(true);
    });

    test('a household vote: the voter chooses the unit when they hold several', async () => {
      const id = await openVote({ electorate: 'households', estateId, title: '是否同意更换单元门禁' });
      const view = (await get(tokens.owner, `/api/votes/${id}`)).body;
      expect(view.me.units).toHaveLength(2);
      const [first, second] = view.me.units as { unitId: number }[];
      await post(tokens.owner, `/api/votes/${id}/ballots`, { choice: 'yes', unitId: first!.unitId }).expect(201);
      expect(
        (await post(tokens.owner, `/api/votes/${id}/ballots`, { choice: 'no', unitId: first!.unitId })).status,
      ).toBe(409);
      await post(tokens.owner, `/api/votes/${id}/ballots`, { choice: 'no', unitId: second!.unitId }).expect(201);
      const after = (await get(tokens.owner, `/api/votes/${id}`)).body;
      expect(after.me.units.every((u: { voted: boolean }) => u.voted)).toBe(true);
      expect(after.me.voted).toBe(true);
    });
  });

  describe('council votes and votes in meetings', () => {
    let councilId: number;
    async function meetingInSession(status: Meeting['status'] = 'in_session') {
      const seats = await server.dataSource.getRepository(Seat).find({ where: { councilId } });
      const meeting = await server.dataSource.getRepository(Meeting).save({
        communityId,
        councilId,
        title: '第三季度协商议事会',
        startsAt: new Date(),
        place: '社区会议室',
        mode: 'hybrid' as const,
        status,
        noticeDays: 3,
        announcedAt: new Date(),
        checkInCode: 'ABCDEF',
        createdBy: userIds.moderator!,
      });
      await server.dataSource.getRepository(MeetingInvitee).insert(
        [...new Set(seats.map((s) => s.userId))].map((userId) => ({
          meetingId: meeting.id,
          userId,
          role: 'council' as const,
        })),
      );
      const topic = await server.dataSource.getRepository(Topic).findOneOrFail({ where: { communityId } });
      const item = await server.dataSource
        .getRepository(AgendaItem)
        .save({ meetingId: meeting.id, topicId: topic.id, position: 1, minutes: 20 });
      return { meeting, item };
    }
    beforeAll(async () => {
      councilId = (await server.dataSource.getRepository(Council).findOneOrFail({ where: { communityId } })).id;
    });

    test('a standalone council vote: every seat holder in term, nobody else', async () => {
      const id = await openVote({ electorate: 'council', councilId, title: '议事会表决：调整议事规则' });
      const view = (await get(tokens.representative, `/api/votes/${id}`)).body;
      expect(view.participation.entitled).toBe(5);
      expect(view.me.eligible).toBe(true);
      await post(tokens.property_manager, `/api/votes/${id}/ballots`, { choice: 'yes' }).expect(201);
      const before = await tableCounts(server.dataSource);
      for (const p of ['owner', 'newcomer', 'grid_worker', 'moderator']) {
        const res = await post(tokens[p], `/api/votes/${id}/ballots`, { choice: 'yes' });
        expect(res.status).toBe(403);
      }
      expect((await tableCounts(server.dataSource)).ballot).toBe(before.ballot);
    });

    test('in a meeting: not checked in → 403, checked in → counted; only in session, only its own agenda', async () => {
      const { meeting, item } = await meetingInSession();
      const id = await openVote({
        electorate: 'council',
        meetingId: meeting.id,
        agendaItemId: item.id,
        title: '会上表决：同意增设充电桩',
      });
      const view = (await get(tokens.representative, `/api/votes/${id}`)).body;
      expect(view).toMatchObject({ meetingId: meeting.id, agendaItemId: item.id, councilId });
      expect(view.me).toMatchObject({ eligible: false });
      expect(view.me.reason).toContain('签到');
      const before = await tableCounts(server.dataSource);
      const absent = await post(tokens.representative, `/api/votes/${id}/ballots`, { choice: 'yes' });
      expect(absent.status).toBe(403);
      expect(absent.body.error.message).toContain('签到');
      expect((await tableCounts(server.dataSource)).ballot).toBe(before.ballot);
      expect(
        (await post(tokens.representative, `/api/meetings/${meeting.id}/check-in`, { code: 'ABCDEF' })).status,
      ).toBeLessThan(300);
      await post(tokens.representative, `/api/votes/${id}/ballots`, { choice: 'yes' }).expect(201);
      expect((await get(tokens.representative, `/api/votes/${id}`)).body.me).toMatchObject({
        eligible: true,
        voted: true,
      });
      // A residents' vote in the same hybrid meeting: residents cast only once checked in too.
      const residents = await openVote({ meetingId: meeting.id, agendaItemId: item.id, title: '会上居民表决测试' });
      expect((await post(tokens.owner, `/api/votes/${residents}/ballots`, { choice: 'yes' })).status).toBe(403);

      const other = await meetingInSession();
      const wrongItem = await post(tokens.moderator, '/api/votes', {
        communityId,
        title: '议程不属于本次会议',
        electorate: 'council',
        meetingId: meeting.id,
        agendaItemId: other.item.id,
        closesAt: inTwoWeeks(),
      });
      expect(wrongItem.status).toBe(400);
      expect(wrongItem.body.error.message).toBe('这个议程不属于本次会议');
      const planned = await meetingInSession('announced');
      const notYet = await post(tokens.moderator, '/api/votes', {
        communityId,
        title: '会议尚未开始的表决',
        electorate: 'council',
        meetingId: planned.meeting.id,
        agendaItemId: planned.item.id,
        closesAt: inTwoWeeks(),
      });
      expect(notYet.status).toBe(409);
      expect(notYet.body.error.message).toContain('只有会议进行中');
      const notModerator = await post(tokens.representative, '/api/votes', {
        communityId,
        title: '代表不能发起会上表决',
        electorate: 'council',
        meetingId: meeting.id,
        agendaItemId: item.id,
        closesAt: inTwoWeeks(),
      });
      expect(notModerator.status).toBe(403);
      const missing = await post(tokens.moderator, '/api/votes', {
        communityId,
        title: '缺少议事会的表决',
        electorate: 'council',
        closesAt: inTwoWeeks(),
      });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body.error.details)).toContain('议事会表决需要选择议事会或会议');
    });
  });

  describe('paper ballots', () => {
    async function findElector(voteId: number, q: string, token = tokens.grid_worker) {
      const res = await get(token, `/api/votes/${voteId}/electors?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return res.body as { voterKey: string; name: string; voted: boolean; units: string[] }[];
    }

    test('needs a second person: the one who entered it cannot confirm; confirming counts exactly once', async () => {
      const id = await openVote({ title: '纸质选票：同意加装电梯' });
      const [found] = await findElector(id, '王');
      expect(found).toBeDefined();
      expect(found!.name).toMatch(/^王\*+$/); // grid workers see masked names
      const [forModerator] = await findElector(id, '王秀英', tokens.moderator);
      expect(forModerator!.name).toBe('王秀英');
      const entered = await post(tokens.grid_worker, `/api/votes/${id}/paper-ballots`, {
        voterKey: forModerator!.voterKey,
        choice: 'no',
        note: '第三网格走访',
      });
      expect(entered.status).toBe(201);
      expect(entered.body.receiptCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      expect(entered.body.paperBallot).toMatchObject({ status: 'pending', choiceText: '反对', enteredByMe: true });
      const paperId = entered.body.paperBallot.id as number;
      expect(await server.dataSource.getRepository(VoteParticipation).count({ where: { voteId: id } })).toBe(0);
      const twice = await post(tokens.grid_worker, `/api/votes/${id}/paper-ballots`, {
        voterKey: forModerator!.voterKey,
        choice: 'yes',
      });
      expect(twice.status).toBe(409);

      const self = await post(tokens.grid_worker, `/api/paper-ballots/${paperId}/confirm`);
      expect(self.status).toBe(403);
      expect(self.body.error.message).toContain('另一位工作人员');
      const pending = await get(tokens.moderator, `/api/communities/${communityId}/paper-ballots`);
      expect(pending.body.map((p: { id: number }) => p.id)).toContain(paperId);
      const confirmed = await post(tokens.moderator, `/api/paper-ballots/${paperId}/confirm`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', decidedBy: '刘敏' });
      expect((await post(tokens.moderator, `/api/paper-ballots/${paperId}/confirm`)).status).toBe(409);
      expect(await server.dataSource.getRepository(VoteParticipation).count({ where: { voteId: id } })).toBe(1);
      expect(await server.dataSource.getRepository(Ballot).count({ where: { voteId: id } })).toBe(1);
      // The voter already has a counted (paper) ballot: online casting is refused.
      expect((await post(tokens.resident, `/api/votes/${id}/ballots`, { choice: 'yes' })).status).toBe(409);

      const result = (await post(tokens.moderator, `/api/votes/${id}/close`)).body;
      expect(result).toMatchObject({ yes: 0, no: 1 });
      const mine = await get(undefined, `/api/votes/${id}/receipt?code=${entered.body.receiptCode}`);
      expect(mine.body.entry).toMatchObject({ choice: 'no' });
      const actions = (
        await server.dataSource.getRepository(AuditEntry).find({ where: { objectType: 'vote', objectId: id } })
      ).map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining(['vote.create', 'vote.paper_enter', 'vote.paper_confirm', 'vote.close']),
      );
    });

    test('a paper ballot for a voter who then voted online conflicts (409); rejecting one needs a reason', async () => {
      const id = await openVote({ title: '纸质选票冲突测试', method: 'single', options: ['上午', '下午'] });
      const [owner] = await findElector(id, '李建国', tokens.moderator);
      const entered = await post(tokens.moderator, `/api/votes/${id}/paper-ballots`, {
        voterKey: owner!.voterKey,
        options: [2],
      });
      expect(entered.status).toBe(201);
      expect(entered.body.paperBallot.choiceText).toBe('下午');
      await post(tokens.owner, `/api/votes/${id}/ballots`, { options: [1] }).expect(201);
      const conflict = await post(tokens.grid_worker, `/api/paper-ballots/${entered.body.paperBallot.id}/confirm`);
      expect(conflict.status).toBe(409);
      expect(await server.dataSource.getRepository(Ballot).count({ where: { voteId: id } })).toBe(1);
      expect(
        (await post(tokens.grid_worker, `/api/paper-ballots/${entered.body.paperBallot.id}/reject`, { reason: '' }))
          .status,
      ).toBe(400);
      const rejected = await post(tokens.grid_worker, `/api/paper-ballots/${entered.body.paperBallot.id}/reject`, {
        reason: '本人已在线投票',
      });
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: '本人已在线投票' });
      const paper = await server.dataSource.getRepository(PaperBallot).findOneByOrFail({ id: rejected.body.id });
      expect(paper.openKey).toBeNull();
      const auditRow = await server.dataSource
        .getRepository(AuditEntry)
        .findOne({ where: { action: 'vote.paper_reject', objectId: id } });
      expect(auditRow?.actorRole).toBe('grid_worker');
    });

    test('concurrent confirmations count one ballot; the others are refused with 409', async () => {
      const id = await openVote({ title: '纸质选票并发确认测试' });
      const [voter] = await findElector(id, '陈志强', tokens.moderator);
      const entered = await post(tokens.grid_worker, `/api/votes/${id}/paper-ballots`, {
        voterKey: voter!.voterKey,
        choice: 'yes',
      });
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          post(tokens.moderator, `/api/paper-ballots/${entered.body.paperBallot.id}/confirm`),
        ),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
      expect(await server.dataSource.getRepository(Ballot).count({ where: { voteId: id } })).toBe(1);
      expect(await server.dataSource.getRepository(VoteParticipation).count({ where: { voteId: id } })).toBe(1);
    });

    test('S3: only grid workers and moderators of the community enter; only electors; nothing written otherwise', async () => {
      const id = await openVote({ title: '纸质选票资格测试' });
      const [someone] = await findElector(id, '', tokens.moderator);
      const outsider = (await post(undefined, '/api/auth/wechat', { code: devLoginCode('paper-outsider') })).body
        .token as string;
      const before = await tableCounts(server.dataSource);
      for (const token of [tokens.resident, tokens.owner, tokens.representative, outsider]) {
        const res = await post(token, `/api/votes/${id}/paper-ballots`, { voterKey: someone!.voterKey, choice: 'yes' });
        expect(res.status).toBe(403);
        expect((await get(token, `/api/votes/${id}/electors`)).status).toBe(403);
      }
      const notElector = await post(tokens.grid_worker, `/api/votes/${id}/paper-ballots`, {
        voterKey: 'u:999999',
        choice: 'yes',
      });
      expect(notElector.status).toBe(400);
      expect(notElector.body.error.message).toContain('不在本次表决的投票范围内');
      expect(await tableCounts(server.dataSource)).toEqual(before);
    });
  });

  describe('proxies', () => {
    async function proxyPhoto(token: string) {
      const res = await request(server.callback)
        .post('/api/uploads')
        .set('Authorization', `Bearer ${token}`)
        .field('purpose', 'proxy_authorization')
        .attach('file', PNG, 'form.png');
      expect(res.status).toBe(201);
      return res.body.id as number;
    }
    async function residentAsProxy() {
      const row = (
        (await server.dataSource.query(
          "SELECT unit_id, claimed_name FROM unit_claim WHERE user_id = ? AND status = 'approved' ORDER BY id LIMIT 1",
          [userIds.resident],
        )) as { unit_id: number; claimed_name: string }[]
      )[0]!;
      return { proxyUnitId: Number(row.unit_id), proxyName: row.claimed_name };
    }

    test('only the authorized proxy casts, counted once under the owner’s key; the photo only for moderators', async () => {
      const id = await openVote({ electorate: 'owners', estateId, matter: 'ordinary', title: '续聘物业：代理投票' });
      const uploadId = await proxyPhoto(tokens.owner!);
      const proxyOf = await residentAsProxy();
      expect(
        (await post(tokens.owner, `/api/votes/${id}/proxies`, { ...proxyOf, proxyName: '不存在的人', uploadId }))
          .status,
      ).toBe(400);
      const otherPhoto = await proxyPhoto(tokens.representative!);
      expect((await post(tokens.owner, `/api/votes/${id}/proxies`, { ...proxyOf, uploadId: otherPhoto })).status).toBe(
        400,
      );
      expect((await post(tokens.resident, `/api/votes/${id}/proxies`, { ...proxyOf, uploadId })).status).toBe(403);
      const granted = await post(tokens.owner, `/api/votes/${id}/proxies`, { ...proxyOf, uploadId });
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({ status: 'active', used: false, photoUrl: null });
      expect(granted.body.proxyName).toMatch(/^王\*+$/);
      const proxyId = granted.body.id as number;
      expect((await post(tokens.owner, `/api/votes/${id}/proxies`, { ...proxyOf, uploadId })).status).toBe(409);

      const seen = (await get(tokens.resident, `/api/votes/${id}`)).body.me;
      expect(seen.proxyFor).toEqual([{ proxyId, voterName: '李**', voted: false }]);
      const before = await tableCounts(server.dataSource);
      for (const p of ['representative', 'owners_committee', 'moderator']) {
        expect((await post(tokens[p], `/api/votes/${id}/ballots`, { choice: 'yes', proxyId })).status).toBe(403);
      }
      expect((await tableCounts(server.dataSource)).ballot).toBe(before.ballot);
      const cast = await post(tokens.resident, `/api/votes/${id}/ballots`, { choice: 'yes', proxyId });
      expect(cast.status).toBe(201);
      expect((await post(tokens.resident, `/api/votes/${id}/ballots`, { choice: 'no', proxyId })).status).toBe(409);
      expect((await post(tokens.owner, `/api/votes/${id}/ballots`, { choice: 'no' })).status).toBe(409);
      const counted = (await server.dataSource.query(
        'SELECT p.voter_key, b.cast_by_user_id FROM vote_participation p JOIN ballot b ON b.id = p.ballot_id WHERE p.vote_id = ?',
        [id],
      )) as { voter_key: string; cast_by_user_id: number }[];
      expect(counted).toHaveLength(1);
      expect(counted[0]!.voter_key).toMatch(/^o:/);
      expect(Number(counted[0]!.cast_by_user_id)).toBe(userIds.resident);
      expect((await post(tokens.owner, `/api/vote-proxies/${proxyId}/revoke`)).status).toBe(409);

      const list = await get(tokens.moderator, `/api/votes/${id}/proxies`);
      expect(list.body).toEqual([
        expect.objectContaining({ voterName: '李建国', proxyName: '王秀英', used: true, photoUrl: expect.any(String) }),
      ]);
      expect((await get(tokens.moderator, list.body[0].photoUrl)).status).toBe(200);
      expect((await get(tokens.resident, list.body[0].photoUrl)).status).toBe(404);
      expect((await get(undefined, list.body[0].photoUrl)).status).toBe(401);
      expect((await get(tokens.grid_worker, `/api/votes/${id}/proxies`)).status).toBe(403);
      const result = (await post(tokens.moderator, `/api/votes/${id}/close`)).body;
      expect(result.participating.owners).toBe(1);
    });

    test('revoking before casting works; the former proxy is then refused', async () => {
      const id = await openVote({ title: '代理撤销测试' });
      const uploadId = await proxyPhoto(tokens.owner!);
      const granted = await post(tokens.owner, `/api/votes/${id}/proxies`, { ...(await residentAsProxy()), uploadId });
      expect((await post(tokens.resident, `/api/vote-proxies/${granted.body.id}/revoke`)).status).toBe(404);
      const revoked = await post(tokens.owner, `/api/vote-proxies/${granted.body.id}/revoke`);
      expect(revoked.body.status).toBe('revoked');
      const before = await tableCounts(server.dataSource);
      const refused = await post(tokens.resident, `/api/votes/${id}/ballots`, {
        choice: 'yes',
        proxyId: granted.body.id,
      });
      expect(refused.status).toBe(403);
      expect((await tableCounts(server.dataSource)).ballot).toBe(before.ballot);
      // A new proxy may be named after revoking; the owner may also simply vote.
      const again = await post(tokens.owner, `/api/votes/${id}/proxies`, { ...(await residentAsProxy()), uploadId });
      expect(again.status).toBe(201);
      await post(tokens.owner, `/api/votes/${id}/ballots`, { choice: 'no' }).expect(201);
      expect(
        (await post(tokens.resident, `/api/votes/${id}/ballots`, { choice: 'yes', proxyId: again.body.id })).status,
      ).toBe(409);
    });
  });

  test('vote.changed is emitted once per change: opened, each counted ballot, a confirmed paper ballot, closed', async () => {
    const start = events.length;
    const id = await openVote({ title: '事件测试：是否同意' });
    await post(tokens.owner, `/api/votes/${id}/ballots`, { choice: 'yes' }).expect(201);
    expect((await post(tokens.owner, `/api/votes/${id}/ballots`, { choice: 'yes' })).status).toBe(409);
    const [resident] = (await get(tokens.moderator, `/api/votes/${id}/electors?q=王秀英`)).body as {
      voterKey: string;
    }[];
    const paper = await post(tokens.grid_worker, `/api/votes/${id}/paper-ballots`, {
      voterKey: resident!.voterKey,
      choice: 'no',
    });
    await post(tokens.moderator, `/api/paper-ballots/${paper.body.paperBallot.id}/confirm`).expect(200);
    await post(tokens.moderator, `/api/votes/${id}/close`).expect(200);
    await post(tokens.moderator, `/api/votes/${id}/close`).expect(200);
    const mine = events.slice(start).filter((e) => e.voteId === id);
    expect(mine.map((e) => e.kind)).toEqual(['opened', 'ballot', 'ballot', 'closed']);
    expect(mine.every((e) => e.communityId === communityId && e.meetingId === null)).toBe(true);
  });
});
