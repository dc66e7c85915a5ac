import request from 'supertest';
import { verifyLog } from '../../shared/src/votes/ballot-log';
import { Ballot, Vote, VoteParticipation } from '../src/votes/votes.entity';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString();

describe.each(eachDatabase)('votes on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let estateId: number;
  const tokens: Record<string, string> = {};
  const post = (token: string, url: string, body: object = {}) =>
    request(server.callback).post(url).set('Authorization', `Bearer ${token}`).send(body);
  const openVote = async (over: Record<string, unknown> = {}) => {
    const res = await post(tokens.moderator!, '/api/votes', {
      communityId,
      title: '是否同意增设电动车充电桩',
      electorate: 'residents',
      closesAt: inTwoWeeks(),
      ...over,
    });
    expect(res.status).toBe(201);
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
      'newcomer',
      'grid_worker',
    ]) {
      tokens[p] = await personaToken(server, p);
    }
  });
  afterAll(async () => server.close());

  test('a resident vote: each verified resident once, a receipt each, a verifiable published record without voter identity (S8)', async () => {
    const id = await openVote({ resultsLive: false });
    const first = await post(tokens.resident!, `/api/votes/${id}/ballots`, { choice: 'yes' });
    expect(first.status).toBe(201);
    expect(first.body.receiptCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect((await post(tokens.resident!, `/api/votes/${id}/ballots`, { choice: 'no' })).status).toBe(409);
    await post(tokens.owner!, `/api/votes/${id}/ballots`, { choice: 'no' }).expect(201);
    await post(tokens.representative!, `/api/votes/${id}/ballots`, { choice: 'yes' }).expect(201);
    const hidden = await request(server.callback)
      .get(`/api/votes/${id}`)
      .set('Authorization', `Bearer ${tokens.resident}`);
    expect(hidden.body.result).toBeNull();
    expect(hidden.body.participation.voters).toBe(3);
    expect(hidden.body.me).toMatchObject({ eligible: true, reason: null, voted: true });
    expect((await request(server.callback).get(`/api/votes/${id}/record`)).status).toBe(409);

    const closed = await post(tokens.moderator!, `/api/votes/${id}/close`);
    expect(closed.body).toMatchObject({ yes: 2, no: 1, abstain: 0, passed: true });
    const record = await request(server.callback).get(`/api/votes/${id}/record`);
    expect(record.status).toBe(200);
    const verified = verifyLog(record.body);
    expect(verified).toMatchObject({ valid: true, tally: { yes: 2, no: 1, passed: true } });
    const text = JSON.stringify(record.body);
    expect(text).not.toMatch(/u:\d|user|createdAt|time|voter/i);
    const receipts = record.body.entries.map((e: { receiptHash: string }) => e.receiptHash);
    expect([...receipts].sort()).toEqual(receipts);
    const mine = await request(server.callback).get(`/api/votes/${id}/receipt`).query({ code: first.body.receiptCode });
    expect(mine.body.entry).toMatchObject({ choice: 'yes' });
    expect((await post(tokens.owners_committee!, `/api/votes/${id}/ballots`, { choice: 'yes' })).status).toBe(409);
  });

  test('changing one’s mind supersedes the earlier ballot; only the last counts and no ballot is updated', async () => {
    const id = await openVote({ allowChange: true, resultsLive: true });
    await post(tokens.owner!, `/api/votes/${id}/ballots`, { choice: 'yes' }).expect(201);
    const again = await post(tokens.owner!, `/api/votes/${id}/ballots`, { choice: 'no' });
    expect(again.body.replaced).toBe(true);
    const view = await request(server.callback).get(`/api/votes/${id}`);
    expect(view.body.result).toMatchObject({ yes: 0, no: 1 });
    expect(await server.dataSource.getRepository(Ballot).count({ where: { voteId: id } })).toBe(2);
    expect(await server.dataSource.getRepository(VoteParticipation).count({ where: { voteId: id } })).toBe(1);
  });

  test('an owners’ decision weighs by area and counts one buyer’s several units as one owner', async () => {
    const id = await openVote({
      electorate: 'owners',
      estateId,
      matter: 'ordinary',
      title: '续聘恒安物业服务有限公司',
    });
    const view = await request(server.callback).get(`/api/votes/${id}`).set('Authorization', `Bearer ${tokens.owner}`);
    expect(view.body.me.eligible).toBe(true);
    expect((await post(tokens.resident!, `/api/votes/${id}/ballots`, { choice: 'yes' })).status).toBe(403);
    await post(tokens.owner!, `/api/votes/${id}/ballots`, { choice: 'yes' }).expect(201);
    await post(tokens.owners_committee!, `/api/votes/${id}/ballots`, { choice: 'no' }).expect(201);
    const result = (await post(tokens.moderator!, `/api/votes/${id}/close`)).body;
    expect(result.participating.owners).toBe(2);
    const areas = (await server.dataSource.query(
      `SELECT u.area_centi_m2 FROM unit u JOIN unit_claim uc ON uc.unit_id = u.id JOIN app_user a ON a.id = uc.user_id
        WHERE a.persona_key = 'owner' AND uc.status = 'approved'`,
    )) as { area_centi_m2: number }[];
    const ownerArea = areas.reduce((s, a) => s + Number(a.area_centi_m2), 0);
    expect(result.yes.area).toBe((ownerArea / 100).toFixed(2));
    expect(result.quorumMet).toBe(false);
    expect(result.passed).toBe(false);
    const record = (await request(server.callback).get(`/api/votes/${id}/record`)).body;
    expect(verifyLog(record)).toMatchObject({ valid: true });
    expect(record.entries.map((e: { weight: string }) => e.weight).sort()).toContain((ownerArea / 100).toFixed(2));
  });

  test('S3: ineligible voters are refused and nothing is written', async () => {
    const id = await openVote();
    const outsider = await request(server.callback)
      .post('/api/auth/wechat')
      .send({ code: devLoginCode('outsider') });
    const before = await tableCounts(server.dataSource);
    for (const token of [tokens.newcomer!, tokens.grid_worker!, outsider.body.token as string]) {
      const res = await post(token, `/api/votes/${id}/ballots`, { choice: 'yes' });
      expect([403, 404]).toContain(res.status);
    }
    const residentId = (
      await request(server.callback).get('/api/me').set('Authorization', `Bearer ${tokens.representative}`)
    ).body.id;
    await post(tokens.moderator!, `/api/communities/${communityId}/members/${residentId}/suspend`, {
      reason: '测试暂停',
    }).expect(204);
    const suspended = await post(tokens.representative!, `/api/votes/${id}/ballots`, { choice: 'yes' });
    expect(suspended.status).toBe(403);
    expect(suspended.body.error.code).toBe('MEMBER_SUSPENDED');
    const after = await tableCounts(server.dataSource);
    expect(after.ballot).toBe(before.ballot);
    expect(after.vote_participation).toBe(before.vote_participation);
    await post(tokens.moderator!, `/api/communities/${communityId}/members/${residentId}/restore`).expect(204);
  });

  test('S1: 200 eligible voters send 1,000 concurrent ballots; exactly one counts each, repeats 409, no 5xx', async () => {
    const voters = await verifiedResidents(200, 's1-');
    const id = await openVote({ title: '是否同意在中心花园增设健身器材' });
    const choices = ['yes', 'no', 'abstain'] as const;
    const sent = new Map<number, Set<string>>();
    const requests = Array.from({ length: 1000 }, (_, i) => {
      const voter = i % 200;
      const choice = choices[(i * 7 + voter) % 3]!;
      if (!sent.has(voter)) sent.set(voter, new Set());
      sent.get(voter)!.add(choice);
      return post(voters[voter]!, `/api/votes/${id}/ballots`, { choice });
    });
    const answers = await Promise.all(requests);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(200);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect(await server.dataSource.getRepository(VoteParticipation).count({ where: { voteId: id } })).toBe(200);
    const result = (await post(tokens.moderator!, `/api/votes/${id}/close`)).body;
    expect(result.yes + result.no + result.abstain).toBe(200);
    expect((await server.dataSource.getRepository(Vote).findOneByOrFail({ id })).ballotCount).toBe(200);
    const counted = (await server.dataSource.query(
      'SELECT b.voter_key, b.choice FROM vote_participation p JOIN ballot b ON b.id = p.ballot_id WHERE p.vote_id = ?',
      [id],
    )) as { voter_key: string; choice: string }[];
    expect(counted).toHaveLength(200);
    const tokenUser = new Map<string, number>();
    for (const [i, t] of voters.entries()) {
      const sub = JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).sub as string;
      tokenUser.set(`u:${sub}`, i);
    }
    for (const c of counted) expect(sent.get(tokenUser.get(c.voter_key)!)!.has(c.choice)).toBe(true);
  }, 120_000);

  test('S2: 100 ballots race 20 closes; every close reports the same tally, equal to the ballots that were counted', async () => {
    const voters = await verifiedResidents(100, 's2-');
    const id = await openVote({ title: '是否同意调整垃圾清运时间' });
    const ballots = voters.map((t, i) => post(t, `/api/votes/${id}/ballots`, { choice: i % 2 ? 'yes' : 'no' }));
    const closes = Array.from({ length: 20 }, () => post(tokens.moderator!, `/api/votes/${id}/close`));
    const [ballotAnswers, closeAnswers] = await Promise.all([Promise.all(ballots), Promise.all(closes)]);
    expect(closeAnswers.every((c) => c.status === 200)).toBe(true);
    const tallies = new Set(closeAnswers.map((c) => JSON.stringify(c.body)));
    expect(tallies.size).toBe(1);
    const accepted = ballotAnswers.filter((b) => b.status === 201).length;
    expect(ballotAnswers.every((b) => b.status === 201 || b.status === 409)).toBe(true);
    const result = closeAnswers[0]!.body;
    expect(result.yes + result.no).toBe(accepted);
    const record = (await request(server.callback).get(`/api/votes/${id}/record`)).body;
    expect(record.entries).toHaveLength(accepted);
  }, 120_000);
});
