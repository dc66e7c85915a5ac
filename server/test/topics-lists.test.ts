import request from 'supertest';
import { OPEN_STATUSES, type TopicStatus } from '../../shared/src/topics/topic-states';
import type { TopicSummary } from '../../shared/src/topics/topics.schema';
import { Community, SubDistrict } from '../src/communities/communities.entity';
import { RoleGrant } from '../src/members/members.entity';
import { Party, PartyMember, Topic } from '../src/topics/topics.entity';
import { indexTopicTokens } from '../src/topics/topics.index';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer } from './support/test-db';

type Persona =
  | 'resident'
  | 'owner'
  | 'representative'
  | 'owners_committee'
  | 'moderator'
  | 'property_manager'
  | 'subdistrict_admin'
  | 'social_org'
  | 'grid_worker'
  | 'newcomer';
const PERSONAS: Persona[] = [
  'resident',
  'owner',
  'representative',
  'owners_committee',
  'moderator',
  'property_manager',
  'subdistrict_admin',
  'social_org',
  'grid_worker',
  'newcomer',
];

interface Page {
  items: TopicSummary[];
  nextCursor: string | null;
}

const cursorOf = (body: object) => Buffer.from(JSON.stringify(body)).toString('base64url');

describe.each(eachDatabase)('topic lists, search and similar topics on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let neighbourId: number;
  let subDistrictId: number;
  /** A community of its own for volume: 150 topics inserted directly. */
  let bulkCommunityId: number;
  let bulk: Topic[] = [];
  const tokens = new Map<Persona, string>();
  const userIds = new Map<Persona, number>();
  /** Ids of the topics submitted through the API (and the property company party). */
  const created = { propertyParty: 0, elevator: 0, weeds: 0, charging: 0, court: 0, noise: 0, closedElevator: 0 };

  const get = (url: string, persona?: Persona) => {
    const req = request(server.callback).get(url);
    return persona ? req.set('Authorization', `Bearer ${tokens.get(persona)}`) : req;
  };
  const post = (url: string, persona: Persona, body: object = {}) =>
    request(server.callback)
      .post(url)
      .set('Authorization', `Bearer ${tokens.get(persona)}`)
      .send(body);

  async function submit(persona: Persona, title: string, description: string, category = '其他'): Promise<number> {
    const res = await post('/api/topics', persona, { communityId, title, description, category, scope: 'community' });
    if (res.status !== 201) throw new Error(`submit ${title}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as number;
  }

  /** Every page of a list, following nextCursor; fails on a repeated id. */
  async function walk(url: string, persona?: Persona): Promise<TopicSummary[]> {
    const all: TopicSummary[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const sep = url.includes('?') ? '&' : '?';
      const res = await get(cursor ? `${url}${sep}cursor=${cursor}` : url, persona);
      expect(res.status).toBe(200);
      const page = res.body as Page;
      all.push(...page.items);
      if (!page.nextCursor) break;
      expect(page.items.length).toBeGreaterThan(0);
      cursor = page.nextCursor;
    }
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    return all;
  }

  const ids = (items: { id: number }[]) => items.map((t) => t.id);

  async function setTopic(id: number, patch: Partial<Topic>): Promise<void> {
    await server.dataSource.getRepository(Topic).update({ id }, patch);
  }

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    const ds = server.dataSource;
    communityId = await communityIdOf(server, '和平里社区');
    neighbourId = await communityIdOf(server, '青石桥社区');
    subDistrictId = (await ds.getRepository(Community).findOneByOrFail({ id: communityId })).subDistrictId;
    for (const persona of PERSONAS) {
      const token = await personaToken(server, persona);
      tokens.set(persona, token);
      await request(server.callback)
        .post('/api/me/privacy')
        .set('Authorization', `Bearer ${token}`)
        .send({ version: '1' });
      const me = await get('/api/me', persona);
      userIds.set(persona, me.body.id as number);
    }

    // The property company acts through property_manager (seeded by the demo, or added here).
    let property = await ds.getRepository(Party).findOne({ where: { communityId, kind: 'property_company' } });
    if (!property) {
      property = await ds
        .getRepository(Party)
        .save({ communityId, kind: 'property_company', name: '恒安物业服务有限公司', estateId: null });
    }
    if (
      !(await ds
        .getRepository(PartyMember)
        .exists({ where: { partyId: property.id, userId: userIds.get('property_manager')! } }))
    ) {
      await ds.getRepository(PartyMember).insert({ partyId: property.id, userId: userIds.get('property_manager')! });
    }
    created.propertyParty = property.id;

    // Topics through the real API.
    created.elevator = await submit(
      'owner',
      '三号楼电梯老是坏',
      '锦绣华庭三号楼的电梯这个月坏了好几次，老人上下楼很不方便。',
      '安全隐患',
    );
    created.weeds = await submit(
      'resident',
      '小区绿化带杂草丛生',
      '槐荫里的绿化带很久没人修剪，杂草长得比人还高，夏天蚊子特别多。',
      '环境卫生',
    );
    created.charging = await submit(
      'representative',
      '建议增设电动车充电桩',
      '安居苑电动车只能在楼道里充电，存在火灾隐患，建议在车棚增设充电桩。',
      '安全隐患',
    );
    created.court = await submit(
      'owners_committee',
      '篮球场夜间照明',
      '社区篮球场晚上没有灯，希望加装照明，方便居民晚上锻炼身体。',
      '文化体育',
    );
    created.noise = await submit(
      'resident',
      '楼下棋牌室噪音扰民',
      '楼下新开的棋牌室每天营业到深夜，麻将声很大，影响休息。',
      '其他',
    );
    created.closedElevator = await submit(
      'owner',
      '3号楼电梯又坏了',
      '电梯今天又停了，已经报修，请物业关注。',
      '安全隐患',
    );
    // Held for content review (as if the content check said `review`), and one closed.
    await setTopic(created.noise, { held: true, heldReason: '微信内容安全建议人工审核' });
    await setTopic(created.closedElevator, { status: 'closed' });

    // Volume: a community of its own, 150 topics with many ties in cosign_count.
    const community = await ds.getRepository(Community).save({
      subDistrictId,
      name: '列表测试社区',
      code: `LIST-${Date.now()}`,
    } as Partial<Community>);
    bulkCommunityId = community.id;
    const estates = (await ds.query('SELECT id FROM estate ORDER BY id LIMIT 2')) as { id: number }[];
    const statuses: TopicStatus[] = [
      'submitted',
      'cosigning',
      'accepted',
      'routed',
      'handling',
      'completed',
      'merged',
      'rejected',
    ];
    const rows: Partial<Topic>[] = [];
    for (let i = 0; i < 150; i++) {
      rows.push({
        communityId: bulkCommunityId,
        estateId: Number(estates[i % 2]!.id),
        scope: 'estate',
        title: i % 3 === 0 ? `电梯维修第${i}号` : `议题第${i}号`,
        description: i % 4 === 0 ? '楼道需要维修，请尽快处理。' : '请社区关注这个问题。',
        category: i % 5 === 0 ? '物业管理' : '其他',
        status: statuses[i % statuses.length]!,
        authorId: userIds.get('resident')!,
        held: i % 17 === 0,
        cosignCount: [0, 0, 3, 1, 3, 7][i % 6]!,
        // Triples share a waiting time: the inbox breaks the tie by id.
        statusChangedAt: new Date(Date.now() - 86_400_000 - Math.floor(i / 3) * 3600_000),
      });
    }
    const repo = ds.getRepository(Topic);
    for (let i = 0; i < rows.length; i += 50) await repo.insert(rows.slice(i, i + 50));
    bulk = await repo.find({ where: { communityId: bulkCommunityId }, order: { id: 'ASC' } });
    for (const t of bulk) await indexTopicTokens(ds.manager, t);
  });
  afterAll(async () => server.close());

  const publicBulk = () => bulk.filter((t) => !t.held && t.status !== 'merged');
  const byNewest = (a: Topic, b: Topic) => b.id - a.id;
  const byCosigns = (a: Topic, b: Topic) => b.cosignCount - a.cosignCount || b.id - a.id;

  describe('community feed', () => {
    test('newest first: keyset pages return every public topic exactly once, in order', async () => {
      const all = await walk(`/api/communities/${bulkCommunityId}/topics?limit=7`);
      expect(ids(all)).toEqual(
        publicBulk()
          .sort(byNewest)
          .map((t) => t.id),
      );
      expect(all.every((t) => !t.held && t.status !== 'merged')).toBe(true);
      const first = await get(`/api/communities/${bulkCommunityId}/topics`);
      expect(first.body.items).toHaveLength(20);
    });

    test('most co-signed first, ties broken by id, across pages', async () => {
      const all = await walk(`/api/communities/${bulkCommunityId}/topics?sort=cosigns&limit=6`);
      expect(ids(all)).toEqual(
        publicBulk()
          .sort(byCosigns)
          .map((t) => t.id),
      );
    });

    test('by status, status group, category and estate', async () => {
      const open = await walk(`/api/communities/${bulkCommunityId}/topics?status=open&limit=4`);
      expect(ids(open)).toEqual(
        publicBulk()
          .filter((t) => OPEN_STATUSES.includes(t.status))
          .sort(byNewest)
          .map((t) => t.id),
      );
      const handling = await walk(`/api/communities/${bulkCommunityId}/topics?status=handling&sort=cosigns&limit=3`);
      expect(ids(handling)).toEqual(
        publicBulk()
          .filter((t) => t.status === 'handling')
          .sort(byCosigns)
          .map((t) => t.id),
      );
      const merged = await walk(`/api/communities/${bulkCommunityId}/topics?status=merged`);
      expect(ids(merged)).toEqual(
        bulk
          .filter((t) => t.status === 'merged' && !t.held)
          .sort(byNewest)
          .map((t) => t.id),
      );
      const estateId = bulk[0]!.estateId!;
      const filtered = await walk(
        `/api/communities/${bulkCommunityId}/topics?category=${encodeURIComponent('物业管理')}&estateId=${estateId}&limit=5`,
      );
      expect(ids(filtered)).toEqual(
        publicBulk()
          .filter((t) => t.category === '物业管理' && t.estateId === estateId)
          .sort(byNewest)
          .map((t) => t.id),
      );
      expect(filtered.length).toBeGreaterThan(0);
    });

    test('held topics never appear in the public feed, whoever asks', async () => {
      for (const persona of [undefined, 'resident', 'moderator'] as const) {
        const all = await walk(`/api/communities/${communityId}/topics?limit=50`, persona);
        expect(ids(all)).not.toContain(created.noise);
        expect(ids(all)).toContain(created.elevator);
      }
      const search = await get(`/api/communities/${communityId}/topics?q=${encodeURIComponent('棋牌室')}`);
      expect(ids(search.body.items)).not.toContain(created.noise);
    });

    test('public rows carry masked names only', async () => {
      const res = await get(`/api/communities/${communityId}/topics?limit=50`);
      const row = res.body.items.find((t: TopicSummary) => t.id === created.elevator);
      expect(row.authorName).toBe('李**');
      expect(JSON.stringify(res.body)).not.toContain('李建国');
      expect(JSON.stringify(res.body)).not.toContain('138');
    });

    test('bad cursors, limits and filters answer 400 VALIDATION_FAILED, never 500', async () => {
      const base = `/api/communities/${bulkCommunityId}/topics`;
      const first = await get(`${base}?sort=cosigns&limit=2`);
      const cosignsCursor = first.body.nextCursor as string;
      const bad = [
        `${base}?cursor=not-a-cursor`,
        `${base}?cursor=${encodeURIComponent('!!!')}`,
        `${base}?cursor=${cursorOf({ s: 'n', i: -1 })}`,
        `${base}?cursor=${cursorOf({ s: 'n', i: 1.5 })}`,
        `${base}?cursor=${cursorOf({ s: 'n', i: '5' })}`,
        `${base}?cursor=${cursorOf({ s: 'c', k: 'x', i: 5 })}&sort=cosigns`,
        `${base}?cursor=${cursorOf([1, 2])}`,
        `${base}?cursor=${Buffer.from('null').toString('base64url')}`,
        `${base}?cursor=${cosignsCursor}`, // a cursor of another order
        `${base}?cursor=${'A'.repeat(400)}`,
        `${base}?limit=0`,
        `${base}?limit=51`,
        `${base}?limit=abc`,
        `${base}?status=nonsense`,
        `${base}?sort=relevance`,
        `${base}?q=${encodeURIComponent('！？。')}`,
        `${base}?unknown=1`,
        `${base}?status=open&status=merged`,
        `/api/communities/${communityId}/inbox?cursor=${cursorOf({ s: 'w', k: 'yesterday', i: 3 })}`,
        `/api/communities/${communityId}/inbox?cursor=${cursorOf({ s: 'w', k: '2024-13-01 00:00:00', i: 3 })}`,
        `/api/communities/${communityId}/inbox?cursor=${cursorOf({ s: 'n', i: 3 })}`,
      ];
      for (const url of bad) {
        const res = await get(url, 'moderator');
        expect({ url, status: res.status, code: res.body.error?.code }).toEqual({
          url,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      const followed = await get(`${base}?sort=cosigns&limit=2&cursor=${cosignsCursor}`);
      expect(followed.status).toBe(200);
    });

    test('an unknown community is 404', async () => {
      const res = await get('/api/communities/99999999/topics');
      expect(res.status).toBe(404);
    });

    test('a rare filter: a request examines a bounded number of rows; a short page still hands on a cursor', async () => {
      const ds = server.dataSource;
      const community = await ds
        .getRepository(Community)
        .save({ subDistrictId, name: '稀疏测试社区', code: `SPARSE-${Date.now()}` } as Partial<Community>);
      const base = {
        communityId: community.id,
        scope: 'community' as const,
        description: '请社区关注这个问题。',
        status: 'submitted' as const,
        statusChangedAt: new Date(),
      };
      const rare = await ds.getRepository(Topic).save({ ...base, title: '唯一的文体议题', category: '文化体育' });
      for (let i = 0; i < 1500; i += 100) {
        await ds
          .getRepository(Topic)
          .insert(Array.from({ length: 100 }, (_, j) => ({ ...base, title: `普通议题${i + j}`, category: '其他' })));
      }
      const url = `/api/communities/${community.id}/topics?category=${encodeURIComponent('文化体育')}`;
      const first = await get(url);
      expect(first.status).toBe(200);
      expect(first.body.items).toEqual([]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get(`${url}&cursor=${first.body.nextCursor}`);
      expect(ids(second.body.items)).toEqual([rare.id]);
      expect(second.body.nextCursor).toBeNull();
      // Without the rare filter, pages are full and the walk is exact.
      const all = await walk(`/api/communities/${community.id}/topics?limit=50`);
      expect(all).toHaveLength(1501);
    });
  });

  describe('search', () => {
    const search = async (q: string, extra = '', community = communityId) =>
      ids((await walk(`/api/communities/${community}/topics?q=${encodeURIComponent(q)}${extra}`)) as TopicSummary[]);

    test('a two-character word finds its topics and not unrelated ones', async () => {
      const found = await search('杂草');
      expect(found).toContain(created.weeds);
      expect(found).not.toEqual(expect.arrayContaining([created.elevator, created.charging, created.court]));
      const elevator = await search('电梯');
      expect(elevator).toContain(created.elevator);
      expect(elevator).not.toContain(created.weeds);
      expect(elevator).not.toContain(created.charging);
      expect(elevator).not.toContain(created.court);
    });

    test('a one-character query works', async () => {
      const found = await search('桩');
      expect(found).toContain(created.charging);
      for (const other of [created.elevator, created.weeds, created.court]) expect(found).not.toContain(other);
    });

    test('a longer query needs most of its words; filters apply', async () => {
      expect(await search('电动车充电')).toContain(created.charging);
      expect(await search('电动车充电桩篮球')).toContain(created.charging); // 5 of its 7 tokens
      expect(await search('篮球场杂草')).toEqual([]); // two topics' words, neither has all
      expect(await search('电梯', `&category=${encodeURIComponent('文化体育')}`)).toEqual([]);
      expect(await search('电梯', '&status=submitted')).toContain(created.elevator);
      expect(await search('电梯', '&status=closed')).toEqual([created.closedElevator]);
    });

    test('relevance order (title words weigh more) with keyset pages, and other sorts', async () => {
      const all = await walk(`/api/communities/${bulkCommunityId}/topics?q=${encodeURIComponent('维修')}&limit=4`);
      const expected = publicBulk()
        .filter((t) => t.title.includes('维修') || t.description.includes('维修'))
        .map((t) => ({ t, score: (t.title.includes('维修') ? 2 : 0) || 1 }))
        .sort((a, b) => b.score - a.score || b.t.id - a.t.id)
        .map((x) => x.t.id);
      expect(ids(all)).toEqual(expected);
      const newest = await walk(
        `/api/communities/${bulkCommunityId}/topics?q=${encodeURIComponent('维修')}&sort=newest&limit=4`,
      );
      expect(ids(newest)).toEqual([...expected].sort((a, b) => b - a));
      const cosigns = await walk(
        `/api/communities/${bulkCommunityId}/topics?q=${encodeURIComponent('维修')}&sort=cosigns&limit=4`,
      );
      expect(ids(cosigns)).toEqual(
        publicBulk()
          .filter((t) => expected.includes(t.id))
          .sort(byCosigns)
          .map((t) => t.id),
      );
    });
  });

  describe('similar topics', () => {
    test('"3号楼电梯经常坏" finds "三号楼电梯老是坏", not unrelated, closed or held topics', async () => {
      const res = await get(
        `/api/communities/${communityId}/topics/similar?title=${encodeURIComponent('3号楼电梯经常坏')}`,
      );
      expect(res.status).toBe(200);
      const found = res.body.items as { id: number; title: string; statusLabel: string; cosignCount: number }[];
      const elevator = found.find((t) => t.id === created.elevator);
      expect(elevator).toMatchObject({ title: '三号楼电梯老是坏', statusLabel: '待受理', cosignCount: 0 });
      for (const other of [created.weeds, created.charging, created.court, created.noise, created.closedElevator]) {
        expect(ids(found)).not.toContain(other);
      }
      expect(found.length).toBeLessThanOrEqual(5);
      const other = await get(
        `/api/communities/${neighbourId}/topics/similar?title=${encodeURIComponent('3号楼电梯经常坏')}`,
      );
      expect(ids(other.body.items)).not.toContain(created.elevator);
    });

    test('unrelated titles find nothing; an empty title is refused', async () => {
      const res = await get(
        `/api/communities/${communityId}/topics/similar?title=${encodeURIComponent('垃圾分类宣传活动')}`,
      );
      expect(ids(res.body.items)).not.toEqual(expect.arrayContaining([created.elevator]));
      expect((await get(`/api/communities/${communityId}/topics/similar?title=`)).status).toBe(400);
      const punctuation = await get(
        `/api/communities/${communityId}/topics/similar?title=${encodeURIComponent('？？')}`,
      );
      expect(punctuation.body).toEqual({ items: [] });
    });
  });

  describe('my topics', () => {
    test('authored (held ones included), co-signed and followed, newest first', async () => {
      const ds = server.dataSource;
      const mine = await walk('/api/me/topics?limit=2', 'resident');
      const expected = (await ds.getRepository(Topic).find({ where: { authorId: userIds.get('resident')! } }))
        .sort(byNewest)
        .map((t) => t.id);
      expect(ids(mine)).toEqual(expected);
      expect(mine.find((t) => t.id === created.noise)?.held).toBe(true);

      expect((await post(`/api/topics/${created.court}/cosign`, 'owner')).status).toBe(201);
      const cosigned = await walk('/api/me/topics?relation=cosigned', 'owner');
      expect(ids(cosigned)).toContain(created.court);
      expect(ids(cosigned)).not.toContain(created.elevator);
      const following = await walk('/api/me/topics?relation=following', 'owner');
      expect(ids(following)).toEqual(expect.arrayContaining([created.court, created.elevator]));
      const others = await walk('/api/me/topics?relation=following', 'newcomer');
      expect(others).toEqual([]);
      expect((await get('/api/me/topics')).status).toBe(401);
      expect((await get('/api/me/topics?relation=mine', 'owner')).status).toBe(400);
    });
  });

  describe('responsible party queue', () => {
    test("the property company's queue: its members and moderators; others are refused", async () => {
      expect((await post(`/api/topics/${created.court}/accept`, 'moderator')).status).toBe(200);
      const routed = await post(`/api/topics/${created.court}/route`, 'moderator', {
        category: '文化体育',
        level: 'estate',
        partyId: created.propertyParty,
      });
      expect(routed.status).toBe(200);
      const url = `/api/parties/${created.propertyParty}/topics`;
      const queue = await walk(url, 'property_manager');
      expect(ids(queue)).toContain(created.court);
      const sorted = [...ids(queue)].sort((a, b) => a - b);
      expect(ids(queue)).toEqual(sorted); // oldest first
      expect(ids(await walk(url, 'moderator'))).toContain(created.court);
      const tomorrow = new Date(Date.now() + 86_400_000 * 3).toISOString().slice(0, 10);
      expect(
        (await post(`/api/topics/${created.court}/take-on`, 'property_manager', { dueDate: tomorrow })).status,
      ).toBe(200);
      expect(ids(await walk(`${url}?status=handling`, 'property_manager'))).toContain(created.court);
      expect(ids(await walk(`${url}?status=routed`, 'property_manager'))).not.toContain(created.court);
      expect(ids(await walk('/api/me/queue?limit=1', 'property_manager'))).toContain(created.court);
      expect((await get('/api/me/queue', 'resident')).body).toEqual({ items: [], nextCursor: null });

      for (const persona of [
        'resident',
        'owner',
        'owners_committee',
        'social_org',
        'grid_worker',
        'subdistrict_admin',
      ] as const) {
        const res = await get(url, persona);
        expect({ persona, status: res.status }).toEqual({ persona, status: 403 });
      }
      expect((await get(url)).status).toBe(401);
      expect((await get('/api/parties/99999999/topics', 'moderator')).status).toBe(404);
      // Another community's party: even the moderator of this one is refused.
      const otherParty = await server.dataSource
        .getRepository(Party)
        .save({ communityId: neighbourId, kind: 'committee', name: '测试居委会', estateId: null });
      expect((await get(`/api/parties/${otherParty.id}/topics`, 'moderator')).status).toBe(403);
      expect((await get(`/api/parties/${otherParty.id}/topics`, 'property_manager')).status).toBe(403);
      expect((await get(`${url}?status=submitted`, 'property_manager')).status).toBe(400);
    });
  });

  describe('moderator inbox', () => {
    test('submitted topics, held ones flagged, longest waiting first, every one once', async () => {
      await setTopic(created.weeds, { statusChangedAt: new Date(Date.now() - 5 * 86_400_000) });
      const inbox = await walk(`/api/communities/${communityId}/inbox?limit=2`, 'moderator');
      const expected = (
        await server.dataSource.getRepository(Topic).find({ where: { communityId, status: 'submitted' } })
      )
        .sort((a, b) => a.statusChangedAt.getTime() - b.statusChangedAt.getTime() || a.id - b.id)
        .map((t) => t.id);
      expect(ids(inbox)).toEqual(expected);
      expect(inbox.find((t) => t.id === created.noise)?.held).toBe(true);
      expect(inbox.find((t) => t.id === created.weeds)?.stale).toBe(true);
      expect(inbox.find((t) => t.id === created.elevator)?.stale).toBe(false);

      const held = await walk(`/api/communities/${communityId}/inbox?status=held`, 'moderator');
      expect(ids(held)).toEqual([created.noise]);
      const old = await walk(`/api/communities/${communityId}/inbox?olderThanDays=3`, 'moderator');
      expect(ids(old)).toContain(created.weeds);
      expect(ids(old)).not.toContain(created.elevator);
      const byCategory = await walk(
        `/api/communities/${communityId}/inbox?category=${encodeURIComponent('环境卫生')}`,
        'moderator',
      );
      expect(ids(byCategory)).toContain(created.weeds);
      expect(ids(byCategory)).not.toContain(created.elevator);
    });

    test('keyset pages over many topics with equal waiting times, filtered by estate', async () => {
      // The moderator persona also moderates the bulk community for this test.
      await server.dataSource.getRepository(RoleGrant).insert({
        userId: userIds.get('moderator')!,
        role: 'moderator',
        scopeType: 'community',
        scopeId: bulkCommunityId,
      });
      const waitingOrder = (a: Topic, b: Topic) =>
        a.statusChangedAt.getTime() - b.statusChangedAt.getTime() || a.id - b.id;
      for (const status of ['submitted', 'cosigning'] as const) {
        const inbox = await walk(`/api/communities/${bulkCommunityId}/inbox?status=${status}&limit=3`, 'moderator');
        expect(ids(inbox)).toEqual(
          bulk
            .filter((t) => t.status === status)
            .sort(waitingOrder)
            .map((t) => t.id),
        );
      }
      // Microsecond times (as MySQL stores them) must page exactly too: the cursor keeps them.
      const submitted = bulk.filter((t) => t.status === 'submitted').slice(0, 4);
      for (const [i, t] of submitted.entries()) {
        await server.dataSource.query('UPDATE topic SET status_changed_at = ? WHERE id = ?', [
          `2020-01-01 00:00:00.00000${3 - (i % 3)}`,
          t.id,
        ]);
      }
      const exact = (
        (await server.dataSource.query(
          "SELECT id FROM topic WHERE community_id = ? AND status = 'submitted' ORDER BY status_changed_at, id",
          [bulkCommunityId],
        )) as { id: number }[]
      ).map((r) => Number(r.id));
      expect(exact.slice(0, 4)).toEqual([submitted[2]!.id, submitted[1]!.id, submitted[0]!.id, submitted[3]!.id]);
      expect(ids(await walk(`/api/communities/${bulkCommunityId}/inbox?limit=1`, 'moderator'))).toEqual(exact);

      const estateId = bulk[1]!.estateId!;
      const held = await walk(
        `/api/communities/${bulkCommunityId}/inbox?status=held&estateId=${estateId}&limit=2`,
        'moderator',
      );
      expect(ids(held)).toEqual(
        bulk
          .filter((t) => t.held && t.estateId === estateId)
          .sort(waitingOrder)
          .map((t) => t.id),
      );
      expect(held.length).toBeGreaterThan(1);
    });

    test('only moderators of that community', async () => {
      for (const persona of ['resident', 'owner', 'property_manager', 'grid_worker', 'subdistrict_admin'] as const) {
        const res = await get(`/api/communities/${communityId}/inbox`, persona);
        expect({ persona, status: res.status }).toEqual({ persona, status: 403 });
      }
      expect((await get(`/api/communities/${neighbourId}/inbox`, 'moderator')).status).toBe(403);
      expect((await get(`/api/communities/${communityId}/inbox`)).status).toBe(401);
    });
  });

  describe('escalated topics', () => {
    test('sub-district admins see topics escalated from all their communities; nobody else', async () => {
      const repo = server.dataSource.getRepository(Topic);
      const base = {
        scope: 'community' as const,
        description: '需要街道统筹解决的问题描述',
        category: '其他',
        statusChangedAt: new Date(),
      };
      const a = await repo.save({
        ...base,
        communityId,
        title: '雨污管网改造',
        status: 'routed',
        level: 'sub_district',
      });
      const b = await repo.save({
        ...base,
        communityId: neighbourId,
        title: '道路破损',
        status: 'handling',
        level: 'department',
      });
      const c = await repo.save({ ...base, communityId, title: '社区层面议题', status: 'routed', level: 'community' });
      const url = `/api/sub-districts/${subDistrictId}/escalated`;
      const all = await walk(`${url}?limit=1`, 'subdistrict_admin');
      expect(ids(all)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(ids(all)).not.toContain(c.id);
      expect(ids(all)).toEqual([...ids(all)].sort((x, y) => y - x));
      expect(ids(await walk(`${url}?level=department`, 'subdistrict_admin'))).toEqual([b.id]);
      expect(ids(await walk(`${url}?communityId=${communityId}&status=routed`, 'subdistrict_admin'))).toEqual(
        expect.arrayContaining([a.id]),
      );
      for (const persona of ['moderator', 'resident', 'property_manager'] as const) {
        expect((await get(url, persona)).status).toBe(403);
      }
      expect((await get(url)).status).toBe(401);
      const elsewhere = await server.dataSource
        .getRepository(SubDistrict)
        .save({ name: '另一街道', code: `SD-${Date.now()}` });
      expect((await get(`/api/sub-districts/${elsewhere.id}/escalated`, 'subdistrict_admin')).status).toBe(403);
    });
  });

  test('odd query strings answer 200 or a coded 400 on every list, never 5xx', async () => {
    const nasty = [
      '',
      ' ',
      '0',
      '-1',
      '1e309',
      'NaN',
      '%00',
      "' OR 1=1 --",
      '𠀀𠀁',
      '\u0000',
      'x'.repeat(500),
      '2147483648',
      cursorOf({ s: 'c', k: 1e300, i: 1 }),
      cursorOf({ s: 'w', k: '2024-02-30 25:00:00', i: 1 }),
      cursorOf({ s: 'r', k: -5, i: 2_147_483_647 }),
    ];
    const lists = [
      `/api/communities/${communityId}/topics`,
      `/api/communities/${communityId}/topics/similar`,
      '/api/me/topics',
      '/api/me/queue',
      `/api/parties/${created.propertyParty}/topics`,
      `/api/communities/${communityId}/inbox`,
      `/api/sub-districts/${subDistrictId}/escalated`,
    ];
    const names = [
      'q',
      'title',
      'cursor',
      'limit',
      'status',
      'sort',
      'estateId',
      'category',
      'olderThanDays',
      'relation',
    ];
    const problems: string[] = [];
    for (const [i, url] of lists.entries()) {
      const persona = (
        ['moderator', 'moderator', 'owner', 'property_manager', 'moderator', 'moderator', 'subdistrict_admin'] as const
      )[i];
      for (const [j, name] of names.entries()) {
        for (const value of nasty.filter((_, k) => (k + i + j) % 3 === 0)) {
          const res = await get(`${url}?${name}=${encodeURIComponent(value)}`, persona);
          const ok = res.status === 200 || (res.status === 400 && res.body.error?.code === 'VALIDATION_FAILED');
          if (!ok) problems.push(`${url}?${name}=${value.slice(0, 30)} → ${res.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
