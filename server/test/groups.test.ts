import request from 'supertest';
import { ERRORS } from '../../shared/src/errors';
import { UNNAMED_GROUP_NAME } from '../../shared/src/groups/groups.schema';
import { WechatSession } from '../src/auth/auth.entity';
import { assertGroupUsable } from '../src/groups/groups.policy';
import { AppError } from '../src/http/app-error';
import { Membership, RoleGrant, UnitClaim } from '../src/members/members.entity';
import { Cosign, GroupChat, Topic } from '../src/topics/topics.entity';
import { devLoginCode, type FakeWechatState } from '../src/wechat/fake-wechat';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

interface Place {
  community: number;
  estate: number;
  estateName: string;
  building: number;
  buildingName: string;
  /** A second building of the same estate. */
  otherBuilding: number;
  units: number[];
}

interface WechatUser {
  seed: string;
  token: string;
  userId: number;
  openid: string;
}

/**
 * WeChat groups: arriving from a share card (wx.getGroupEnterInfo, decrypted
 * on the server with the session key), binding groups, co-sign attribution.
 * Encrypted payloads come from the fake WeChat server under the session key
 * it issued at the user's last login, so the real decryption path runs.
 */
describe.each(eachDatabase)('WeChat groups on %s', (_dialect, db) => {
  let server: TestServer;
  let fake: FakeWechatState;
  const own = {} as Place;
  const other = {} as Place;
  /** Every response of this suite, for the session-key scan at the end. */
  const responses: request.Response[] = [];
  let unitCursor = 0;
  let seedCounter = 0;

  const ds = () => server.dataSource;
  const track = async (pending: request.Test): Promise<request.Response> => {
    const res = await pending;
    responses.push(res);
    return res;
  };
  const post = (url: string, token: string | undefined, body: object) => {
    const req = request(server.callback).post(url);
    return track((token ? req.set('Authorization', `Bearer ${token}`) : req).send(body));
  };
  const patch = (url: string, token: string | undefined, body: object) => {
    const req = request(server.callback).patch(url);
    return track((token ? req.set('Authorization', `Bearer ${token}`) : req).send(body));
  };
  const get = (url: string, token?: string) => {
    const req = request(server.callback).get(url);
    return track(token ? req.set('Authorization', `Bearer ${token}`) : req);
  };

  async function placeOf(name: string): Promise<Place> {
    const community = await communityIdOf(server, name);
    const buildings = (await ds().query(
      `SELECT b.id, b.name, e.id AS estate_id, e.name AS estate_name FROM building b JOIN estate e ON e.id = b.estate_id
        WHERE e.community_id = ? ORDER BY e.id, b.id`,
      [community],
    )) as { id: number; name: string; estate_id: number; estate_name: string }[];
    const first = buildings[0]!;
    const sibling = buildings.find((b) => b.estate_id === first.estate_id && b.id !== first.id);
    const units = (await ds().query('SELECT id FROM unit WHERE community_id = ? ORDER BY id LIMIT 40', [
      community,
    ])) as {
      id: number;
    }[];
    return {
      community,
      estate: Number(first.estate_id),
      estateName: first.estate_name,
      building: Number(first.id),
      buildingName: first.name,
      otherBuilding: Number((sibling ?? first).id),
      units: units.map((u) => Number(u.id)),
    };
  }

  /** Signs in through POST /api/auth/wechat with a dev code (the fake issues a new session key). */
  async function wechatLogin(seed: string): Promise<WechatUser> {
    const res = await post('/api/auth/wechat', undefined, { code: devLoginCode(seed) });
    expect(res.status).toBe(200);
    return { seed, token: res.body.token, userId: res.body.user.id, openid: fake.openidFor(seed) };
  }

  /** A new WeChat user; `member`: joined the community; `verified`: also an approved unit claim there. */
  async function newVisitor(place: Place | null, level: 'member' | 'verified' | 'none'): Promise<WechatUser> {
    const user = await wechatLogin(`visitor${seedCounter++}`);
    if (place && level !== 'none') {
      await ds()
        .getRepository(Membership)
        .insert({ userId: user.userId, communityId: place.community, status: 'active' });
    }
    if (place && level === 'verified') {
      const unitId = place.units[unitCursor++ % place.units.length]!;
      const unit = (await ds().query('SELECT estate_id FROM unit WHERE id = ?', [unitId])) as { estate_id: number }[];
      await ds()
        .getRepository(UnitClaim)
        .insert({
          userId: user.userId,
          unitId,
          communityId: place.community,
          estateId: Number(unit[0]!.estate_id),
          relation: 'family',
          status: 'approved',
          claimedName: '测试居民',
          rosterMatched: true,
          evidenceUploadId: null,
          openKey: null,
        });
    }
    return user;
  }

  async function openTopic(place: Place, held = false): Promise<number> {
    const topic = await ds().getRepository(Topic).save({
      communityId: place.community,
      estateId: null,
      buildingId: null,
      scope: 'community',
      title: '小区门口路灯不亮',
      description: '晚上回家路上很黑，老人孩子走路不安全，希望尽快修好。',
      category: '安全隐患',
      place: null,
      status: 'accepted',
      authorId: null,
      hideAuthor: false,
      held,
      statusChangedAt: new Date(),
    });
    return topic.id;
  }

  /** POST /api/groups/enter with what wx.getGroupEnterInfo would give `user` in the group `groupSeed`. */
  function enter(user: WechatUser, communityId: number, groupSeed: string, extra: object = {}) {
    const sealed = fake.encryptGroupEnterInfo(user.openid, groupSeed);
    return post('/api/groups/enter', user.token, { communityId, ...sealed, ...extra });
  }

  const groupRows = () =>
    ds()
      .getRepository(GroupChat)
      .find({ order: { id: 'ASC' } });

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    fake = server.services.fakeWechat!.state;
    Object.assign(own, await placeOf('和平里社区'));
    Object.assign(other, await placeOf('青石桥社区'));
  });
  afterAll(async () => server.close());

  describe('POST /api/groups/enter', () => {
    test('a member arriving from a group card gets that group, found again for the next visitor of the same group', async () => {
      const alice = await newVisitor(own, 'member');
      const before = (await groupRows()).length;
      const first = await enter(alice, own.community, 'heping-building-1');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ groupChatId: expect.any(Number), bound: null });

      const rows = await groupRows();
      expect(rows).toHaveLength(before + 1);
      const row = rows.find((g) => g.id === first.body.groupChatId)!;
      expect(row).toMatchObject({
        communityId: own.community,
        openGid: fake.openGidFor('heping-building-1'),
        name: null,
        estateId: null,
      });

      const bob = await newVisitor(own, 'verified');
      const second = await enter(bob, own.community, 'heping-building-1');
      expect(second.status).toBe(200);
      expect(second.body.groupChatId).toBe(first.body.groupChatId);
      const third = await enter(bob, own.community, 'heping-building-2');
      expect(third.body.groupChatId).not.toBe(first.body.groupChatId);
      expect(await groupRows()).toHaveLength(before + 2);
    });

    test('several visitors of one new group arriving at once share one row', async () => {
      const visitors = await Promise.all([0, 1, 2, 3].map(() => newVisitor(own, 'member')));
      const answers = await Promise.all(visitors.map((v) => enter(v, own.community, 'heping-rush')));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(answers.map((a) => a.body.groupChatId)).size).toBe(1);
      const rows = (await groupRows()).filter((g) => g.openGid === fake.openGidFor('heping-rush'));
      expect(rows).toHaveLength(1);
    });

    test('a newcomer who has not joined is counted only when the card was a topic of that community', async () => {
      const topicId = await openTopic(own);
      const otherTopicId = await openTopic(other);
      const newcomer = await newVisitor(null, 'none');
      const before = await tableCounts(ds());

      const refused = await enter(newcomer, own.community, 'heping-newcomers');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      const mismatched = await enter(newcomer, own.community, 'heping-newcomers', { topicId: otherTopicId });
      expect(mismatched.status).toBe(400);
      expect(mismatched.body.error.message).toBe('议题不属于这个社区');
      const missing = await enter(newcomer, own.community, 'heping-newcomers', { topicId: 2_000_000_000 });
      expect(missing.status).toBe(404);
      expect(await tableCounts(ds())).toEqual(before);

      const viaTopic = await enter(newcomer, own.community, 'heping-newcomers', { topicId });
      expect(viaTopic.status).toBe(200);
      const row = await ds().getRepository(GroupChat).findOneByOrFail({ id: viaTopic.body.groupChatId });
      expect(row.communityId).toBe(own.community);
      // The same WeChat group seen from another community is that community's own row.
      const viaOther = await enter(newcomer, other.community, 'heping-newcomers', { topicId: otherTopicId });
      expect(viaOther.status).toBe(200);
      expect(viaOther.body.groupChatId).not.toBe(viaTopic.body.groupChatId);
    });

    test('a suspended member is refused', async () => {
      const user = await newVisitor(own, 'member');
      await ds().getRepository(Membership).update({ userId: user.userId }, { status: 'suspended' });
      const res = await enter(user, own.community, 'heping-suspended');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('MEMBER_SUSPENDED');
    });

    describe('refused payloads: 400 with a clear Chinese message, and nothing written', () => {
      let user: WechatUser;
      let before: Record<string, number>;
      beforeEach(async () => {
        user = await newVisitor(own, 'member');
        before = await tableCounts(ds());
      });
      afterEach(async () => {
        expect(await tableCounts(ds())).toEqual(before);
      });

      const expectRefused = (res: request.Response, reason: string, message: string) => {
        expect(res.status).toBe(400);
        expect(res.body.error).toEqual({ code: 'VALIDATION_FAILED', message, details: { reason } });
      };

      test('a watermark naming another AppID', async () => {
        const sealed = fake.encryptGroupEnterInfo(user.openid, 'heping-x', { watermark: { appid: 'wx-another-app' } });
        const res = await post('/api/groups/enter', user.token, { communityId: own.community, ...sealed });
        expectRefused(res, 'appid_mismatch', '群聊信息不属于本小程序');
      });

      test('no watermark at all', async () => {
        const sealed = fake.encryptGroupEnterInfo(user.openid, 'heping-x', { watermark: null });
        const res = await post('/api/groups/enter', user.token, { communityId: own.community, ...sealed });
        expectRefused(res, 'appid_mismatch', '群聊信息不属于本小程序');
      });

      test('a watermark older than an hour', async () => {
        const timestamp = Math.floor(Date.now() / 1000) - 2 * 3600;
        const sealed = fake.encryptGroupEnterInfo(user.openid, 'heping-x', { watermark: { timestamp } });
        const res = await post('/api/groups/enter', user.token, { communityId: own.community, ...sealed });
        expectRefused(res, 'stale', '群聊信息已过期，请从群聊中重新打开');
      });

      test('tampered ciphertext (broken padding, garbled first block) and a swapped iv', async () => {
        const sealed = fake.encryptGroupEnterInfo(user.openid, 'heping-x');
        const bytes = Buffer.from(sealed.encryptedData, 'base64');
        const blocks = bytes.length / 16;
        const padding = Buffer.from(bytes);
        padding[(blocks - 1) * 16 - 1]! ^= 0xff;
        const firstBlock = Buffer.from(bytes);
        firstBlock[0]! ^= 0xff;
        firstBlock[5]! ^= 0x5a;
        for (const encryptedData of [padding, firstBlock].map((b) => b.toString('base64'))) {
          const res = await post('/api/groups/enter', user.token, {
            communityId: own.community,
            ...sealed,
            encryptedData,
          });
          expectRefused(res, 'undecryptable', '无法识别群聊信息，请从群聊中重新打开');
        }
        const otherIv = fake.encryptGroupEnterInfo(user.openid, 'heping-y').iv;
        const swapped = await post('/api/groups/enter', user.token, {
          communityId: own.community,
          ...sealed,
          iv: otherIv,
        });
        expect(swapped.status).toBe(400);
        expect(swapped.body.error.code).toBe('VALIDATION_FAILED');
      });

      test('data encrypted under an earlier session key (the user signed in again since)', async () => {
        const sealed = fake.encryptGroupEnterInfo(user.openid, 'heping-x');
        // The same WeChat user signs in again: the server now holds a new session key.
        const again = await post('/api/auth/wechat', undefined, { code: devLoginCode(user.seed) });
        expect(again.body.user.id).toBe(user.userId);
        before = await tableCounts(ds());
        const res = await post('/api/groups/enter', user.token, { communityId: own.community, ...sealed });
        expectRefused(res, 'undecryptable', '无法识别群聊信息，请从群聊中重新打开');
      });

      test('data that is not base64 of whole blocks', async () => {
        const sealed = fake.encryptGroupEnterInfo(user.openid, 'heping-x');
        const res = await post('/api/groups/enter', user.token, {
          communityId: own.community,
          encryptedData: `${sealed.encryptedData.slice(0, 10)}`,
          iv: sealed.iv,
        });
        expectRefused(res, 'malformed', '群聊信息格式有误，请从群聊中重新打开');
      });

      test('a payload without an opengid', async () => {
        const sealed = fake.encryptForUser(user.openid, { chat_type: 1 });
        const res = await post('/api/groups/enter', user.token, { communityId: own.community, ...sealed });
        expectRefused(res, 'no_group', '没有读到群聊信息，请从群聊中重新打开');
      });

      test('a user with no WeChat session (signed in another way, or the session was removed)', async () => {
        const resident = await personaToken(server, 'resident');
        const sealed = fake.encryptGroupEnterInfo(user.openid, 'heping-x');
        const res = await post('/api/groups/enter', resident, { communityId: own.community, ...sealed });
        expectRefused(res, 'no_session', '请先用微信登录，再从群聊中打开');

        await ds().getRepository(WechatSession).delete({ userId: user.userId });
        before = await tableCounts(ds());
        const gone = await post('/api/groups/enter', user.token, { communityId: own.community, ...sealed });
        expectRefused(gone, 'no_session', '请先用微信登录，再从群聊中打开');
      });

      test("someone else's payload does not open with my session key", async () => {
        const victim = await newVisitor(own, 'member');
        before = await tableCounts(ds());
        const sealed = fake.encryptGroupEnterInfo(victim.openid, 'heping-x');
        const res = await post('/api/groups/enter', user.token, { communityId: own.community, ...sealed });
        expectRefused(res, 'undecryptable', '无法识别群聊信息，请从群聊中重新打开');
      });
    });

    test('anonymous callers and an unknown community are refused', async () => {
      const user = await newVisitor(own, 'member');
      const sealed = fake.encryptGroupEnterInfo(user.openid, 'heping-x');
      const anonymous = await post('/api/groups/enter', undefined, { communityId: own.community, ...sealed });
      expect(anonymous.status).toBe(401);
      const unknown = await post('/api/groups/enter', user.token, { communityId: 2_000_000_000, ...sealed });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
    });
  });

  describe('binding group chats (moderators)', () => {
    let groupId: number;
    let moderator: string;
    beforeAll(async () => {
      moderator = await personaToken(server, 'moderator');
      const user = await newVisitor(own, 'member');
      groupId = (await enter(user, own.community, 'heping-to-bind')).body.groupChatId;
    });

    test("a moderator lists the community's groups and binds one to a building; visitors then see the binding", async () => {
      const list = await get(`/api/communities/${own.community}/groups`, moderator);
      expect(list.status).toBe(200);
      const listed = list.body.find((g: { id: number }) => g.id === groupId);
      expect(listed).toMatchObject({
        communityId: own.community,
        openGid: fake.openGidFor('heping-to-bind'),
        name: null,
        displayName: UNNAMED_GROUP_NAME,
        bound: null,
        cosigns: 0,
      });
      expect(list.body.every((g: { communityId: number }) => g.communityId === own.community)).toBe(true);

      const bound = await patch(`/api/groups/${groupId}`, moderator, {
        name: '  一号楼邻里群 ',
        buildingId: own.building,
      });
      expect(bound.status).toBe(200);
      expect(bound.body).toMatchObject({
        id: groupId,
        name: '一号楼邻里群',
        displayName: '一号楼邻里群',
        bound: {
          estateId: own.estate,
          estateName: own.estateName,
          buildingId: own.building,
          buildingName: own.buildingName,
        },
      });
      const row = await ds().getRepository(GroupChat).findOneByOrFail({ id: groupId });
      expect(row.boundBy).not.toBeNull();

      const visitor = await newVisitor(own, 'member');
      const entered = await enter(visitor, own.community, 'heping-to-bind');
      expect(entered.body).toEqual({
        groupChatId: groupId,
        bound: {
          estateId: own.estate,
          estateName: own.estateName,
          buildingId: own.building,
          buildingName: own.buildingName,
        },
      });

      // Bound groups come after unbound ones.
      const again = await get(`/api/communities/${own.community}/groups`, moderator);
      const order = again.body.map((g: { bound: unknown }) => g.bound !== null);
      expect(order).toEqual([...order].sort((a: boolean, b: boolean) => Number(a) - Number(b)));
    });

    test('the estate alone, keeping the building, dropping it, and unbinding', async () => {
      const estateOnly = await patch(`/api/groups/${groupId}`, moderator, { buildingId: null });
      expect(estateOnly.body.bound).toEqual({
        estateId: own.estate,
        estateName: own.estateName,
        buildingId: null,
        buildingName: null,
      });
      const building = await patch(`/api/groups/${groupId}`, moderator, {
        estateId: own.estate,
        buildingId: own.otherBuilding,
      });
      expect(building.body.bound.buildingId).toBe(own.otherBuilding);
      const renamed = await patch(`/api/groups/${groupId}`, moderator, { name: null });
      expect(renamed.body).toMatchObject({ name: null, displayName: UNNAMED_GROUP_NAME });
      expect(renamed.body.bound.buildingId).toBe(own.otherBuilding);
      const unbound = await patch(`/api/groups/${groupId}`, moderator, { estateId: null });
      expect(unbound.body.bound).toBeNull();
      const row = await ds().getRepository(GroupChat).findOneByOrFail({ id: groupId });
      expect(row).toMatchObject({ estateId: null, buildingId: null, boundBy: null });
    });

    test('a building or estate of another community, or a building outside the chosen estate, is refused', async () => {
      const before = await tableCounts(ds());
      const snapshot = await ds().getRepository(GroupChat).findOneByOrFail({ id: groupId });
      const cases: [object, string][] = [
        [{ buildingId: other.building }, '所选楼栋不属于本社区'],
        [{ estateId: other.estate }, '所选小区不属于本社区'],
        [{ buildingId: 2_000_000_000 }, '所选楼栋不属于本社区'],
        [{ estateId: other.estate, buildingId: own.building }, '所选楼栋不在所选小区内'],
      ];
      for (const [body, message] of cases) {
        const res = await patch(`/api/groups/${groupId}`, moderator, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(message);
      }
      const empty = await patch(`/api/groups/${groupId}`, moderator, {});
      expect(empty.status).toBe(400);
      const smuggled = await patch(`/api/groups/${groupId}`, moderator, { communityId: other.community, openGid: 'x' });
      expect(smuggled.status).toBe(400);
      expect(await ds().getRepository(GroupChat).findOneByOrFail({ id: groupId })).toEqual(snapshot);
      expect(await tableCounts(ds())).toEqual(before);
    });

    test("residents, other roles and another community's moderator may neither list nor bind", async () => {
      const otherModerator = await newVisitor(other, 'member');
      await ds()
        .getRepository(RoleGrant)
        .insert({ userId: otherModerator.userId, role: 'moderator', scopeType: 'community', scopeId: other.community });
      const snapshot = await ds().getRepository(GroupChat).findOneByOrFail({ id: groupId });
      const tokens = [
        await personaToken(server, 'resident'),
        await personaToken(server, 'grid_worker'),
        await personaToken(server, 'subdistrict_admin'),
        otherModerator.token,
      ];
      for (const token of tokens) {
        const list = await get(`/api/communities/${own.community}/groups`, token);
        expect(list.status).toBe(403);
        const res = await patch(`/api/groups/${groupId}`, token, { name: '改个名', estateId: own.estate });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      expect((await get(`/api/communities/${own.community}/groups`)).status).toBe(401);
      expect((await patch(`/api/groups/${groupId}`, undefined, { name: '改个名' })).status).toBe(401);
      expect(await ds().getRepository(GroupChat).findOneByOrFail({ id: groupId })).toEqual(snapshot);

      // …while the other community's moderator manages their own community's groups.
      const ownList = await get(`/api/communities/${other.community}/groups`, otherModerator.token);
      expect(ownList.status).toBe(200);
      expect((await patch(`/api/groups/${groupId}`, moderator, { name: '改个名' })).status).toBe(200);
      expect((await patch('/api/groups/2000000000', moderator, { name: '改个名' })).status).toBe(404);
    });
  });

  describe('co-sign attribution', () => {
    test('co-signs carry the group; the topic lists groups with counts only', async () => {
      const moderator = await personaToken(server, 'moderator');
      const topicId = await openTopic(own);
      const [a, b, c, d] = await Promise.all([0, 1, 2, 3].map(() => newVisitor(own, 'verified')));
      const building = (await enter(a!, own.community, 'heping-cosign-building')).body.groupChatId as number;
      expect((await enter(b!, own.community, 'heping-cosign-building')).body.groupChatId).toBe(building);
      const estate = (await enter(c!, own.community, 'heping-cosign-estate')).body.groupChatId as number;
      await patch(`/api/groups/${building}`, moderator, { name: '一号楼邻里群', buildingId: own.building });

      for (const [user, groupChatId] of [
        [a!, building],
        [b!, building],
        [c!, estate],
        [d!, undefined],
      ] as const) {
        const res = await post(`/api/topics/${topicId}/cosign`, user.token, groupChatId ? { groupChatId } : {});
        expect(res.status).toBe(201);
      }
      const cosigns = await ds()
        .getRepository(Cosign)
        .find({ where: { topicId }, order: { id: 'ASC' } });
      expect(cosigns.map((x) => x.groupChatId)).toEqual([building, building, estate, null]);

      const groups = await get(`/api/topics/${topicId}/groups`);
      expect(groups.status).toBe(200);
      expect(groups.body).toEqual([
        { name: '一号楼邻里群', estateName: own.estateName, buildingName: own.buildingName, cosigners: 2 },
        { name: UNNAMED_GROUP_NAME, estateName: null, buildingName: null, cosigners: 1 },
      ]);
      const text = JSON.stringify(groups.body);
      for (const user of [a!, b!, c!, d!]) expect(text).not.toContain(user.openid);
      expect(text).not.toMatch(/userId|nickname|openGid|opengid/);

      const list = await get(`/api/communities/${own.community}/groups`, moderator);
      expect(list.body.find((g: { id: number }) => g.id === building).cosigns).toBe(2);
    });

    test("assertGroupUsable refuses another community's group and an unknown one, accepts its own", async () => {
      const user = await newVisitor(other, 'member');
      const foreign = (await enter(user, other.community, 'qingshi-group')).body.groupChatId as number;
      const ownUser = await newVisitor(own, 'member');
      const mine = (await enter(ownUser, own.community, 'heping-usable')).body.groupChatId as number;

      await expect(assertGroupUsable(ds(), mine, own.community)).resolves.toBeUndefined();
      for (const groupChatId of [foreign, 2_000_000_000]) {
        const error = await assertGroupUsable(ds(), groupChatId, own.community).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({
          code: 'VALIDATION_FAILED',
          status: ERRORS.VALIDATION_FAILED.status,
          message: '这个微信群不属于本社区，不能记为附议来源',
          details: {
            in: 'body',
            fields: [{ path: 'groupChatId', message: '这个微信群不属于本社区，不能记为附议来源' }],
          },
        });
      }
      // Inside a transaction too (the co-sign calls it with its EntityManager).
      await expect(ds().transaction((em) => assertGroupUsable(em, foreign, own.community))).rejects.toBeInstanceOf(
        AppError,
      );
    });

    test("the co-sign API refuses another community's group chat id and writes nothing", async () => {
      const topicId = await openTopic(own);
      const outsider = await newVisitor(other, 'member');
      const foreign = (await enter(outsider, other.community, 'qingshi-cosign')).body.groupChatId as number;
      const resident = await newVisitor(own, 'verified');
      const before = await tableCounts(ds());
      const res = await post(`/api/topics/${topicId}/cosign`, resident.token, { groupChatId: foreign });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toBe('这个微信群不属于本社区，不能记为附议来源');
      expect(await tableCounts(ds())).toEqual(before);
    });

    test("a co-sign row naming another community's group is never counted for the topic", async () => {
      const topicId = await openTopic(own);
      const outsider = await newVisitor(other, 'member');
      const foreign = (await enter(outsider, other.community, 'qingshi-stray')).body.groupChatId as number;
      const resident = await newVisitor(own, 'verified');
      // Written behind the API's back, as a co-sign without the community check would.
      await ds().getRepository(Cosign).insert({ topicId, userId: resident.userId, groupChatId: foreign });
      const groups = await get(`/api/topics/${topicId}/groups`);
      expect(groups.status).toBe(200);
      expect(groups.body).toEqual([]);
    });

    test('a held topic does not show its groups to the public; a missing topic is 404', async () => {
      const held = await openTopic(own, true);
      expect((await get(`/api/topics/${held}/groups`)).status).toBe(404);
      const moderator = await personaToken(server, 'moderator');
      expect((await get(`/api/topics/${held}/groups`, moderator)).status).toBe(200);
      expect((await get('/api/topics/2000000000/groups')).status).toBe(404);
    });
  });

  test('S13: no response of this suite and no log line carries a session key', async () => {
    const keys = fake.issuedSessionKeys;
    expect(keys.length).toBeGreaterThan(20);
    expect(responses.length).toBeGreaterThan(50);
    const stored = (await ds().query('SELECT session_key FROM wechat_session')) as { session_key: string }[];
    expect(stored.length).toBeGreaterThan(0);
    const texts = [
      ...responses.map((res) => `${res.text} ${JSON.stringify(res.headers)}`),
      ...server.logs.map((line) => JSON.stringify(line)),
    ];
    for (const text of texts) {
      for (const key of [...keys, ...stored.map((s) => s.session_key)]) expect(text).not.toContain(key);
      expect(text).not.toMatch(/session_?key/i);
    }
  });
});
