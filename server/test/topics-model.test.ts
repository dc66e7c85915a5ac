import fc from 'fast-check';
import request from 'supertest';
import { In } from 'typeorm';
import { Topic } from '../src/topics/topics.entity';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer } from './support/test-db';

/**
 * S9: random sequences of actions by random people against the topic
 * lifecycle, through the API, compared step by step with an independent
 * model of DESIGN.md §3.1. An action the model forbids must be refused (4xx)
 * and change nothing; an action it allows must succeed with the model's effect.
 */
type Status = 'submitted' | 'returned' | 'rejected' | 'merged' | 'accepted' | 'routed' | 'handling';
type Level = 'estate' | 'community' | 'sub_district' | 'department';
type Who =
  | 'owner'
  | 'representative'
  | 'resident'
  | 'moderator'
  | 'property_manager'
  | 'subdistrict_admin'
  | 'grid_worker';
type Action =
  | 'resubmit'
  | 'return'
  | 'reject'
  | 'accept'
  | 'merge'
  | 'route'
  | 'sendBack'
  | 'takeOn'
  | 'escalate'
  | 'answer'
  | 'cosign';

interface ModelTopic {
  id: number;
  author: Who;
  status: Status;
  level: Level | null;
  party: string | null;
  cosigners: Set<Who>;
}

const OPEN: Status[] = ['submitted', 'accepted', 'routed', 'handling'];
const VERIFIED: Who[] = ['owner', 'representative', 'resident'];
/** Who acts for each party of the demo directory. */
const PARTY_MEMBERS: Record<string, Who[]> = {
  property_company: ['property_manager'],
  committee: ['moderator'],
  sub_district: ['subdistrict_admin'],
  department: [],
};
const PARTY_AT: Record<Level, string> = {
  estate: 'property_company',
  community: 'committee',
  sub_district: 'sub_district',
  department: 'department',
};
const NEXT: Record<Level, Level | null> = {
  estate: 'community',
  community: 'sub_district',
  sub_district: 'department',
  department: null,
};

function moveTo(t: ModelTopic, status: Status): () => void {
  return () => {
    t.status = status;
  };
}

function capacities(who: Who, t: ModelTopic): Set<'author' | 'moderator' | 'party'> {
  const c = new Set<'author' | 'moderator' | 'party'>();
  if (t.author === who) c.add('author');
  if (who === 'moderator') c.add('moderator');
  if (t.party && PARTY_MEMBERS[t.party]!.includes(who)) c.add('party');
  return c;
}

/** The model's verdict and effect; `undefined` = must be refused. */
function apply(t: ModelTopic, who: Who, action: Action, other: ModelTopic | undefined): (() => void) | undefined {
  const c = capacities(who, t);
  switch (action) {
    case 'resubmit':
      return t.status === 'returned' && c.has('author') ? moveTo(t, 'submitted') : undefined;
    case 'return':
      return t.status === 'submitted' && c.has('moderator') ? moveTo(t, 'returned') : undefined;
    case 'reject':
      return t.status === 'submitted' && c.has('moderator') ? moveTo(t, 'rejected') : undefined;
    case 'accept':
      return t.status === 'submitted' && c.has('moderator') ? moveTo(t, 'accepted') : undefined;
    case 'merge': {
      if (!c.has('moderator') || !['submitted', 'accepted'].includes(t.status)) return undefined;
      if (!other || other.id === t.id || !OPEN.includes(other.status)) return undefined;
      return () => {
        t.status = 'merged';
        for (const s of t.cosigners) if (s !== other.author) other.cosigners.add(s);
        if (t.author !== other.author) other.cosigners.add(t.author);
      };
    }
    case 'route':
      return t.status === 'accepted' && c.has('moderator')
        ? () => {
            t.status = 'routed';
            t.level = 'estate';
            t.party = 'property_company';
          }
        : undefined;
    case 'sendBack':
      return t.status === 'routed' && c.has('party')
        ? () => {
            t.status = 'accepted';
            t.level = null;
            t.party = null;
          }
        : undefined;
    case 'takeOn':
      return t.status === 'routed' && c.has('party') ? moveTo(t, 'handling') : undefined;
    case 'escalate': {
      if (!['routed', 'handling'].includes(t.status) || !(c.has('moderator') || c.has('party'))) return undefined;
      const next = NEXT[t.level ?? 'community'];
      if (!next) return undefined;
      return () => {
        t.status = 'routed';
        t.level = next;
        t.party = PARTY_AT[next];
      };
    }
    case 'answer':
      return ['routed', 'handling'].includes(t.status) && (c.has('party') || c.has('moderator'))
        ? () => undefined
        : undefined;
    case 'cosign':
      return OPEN.includes(t.status) && VERIFIED.includes(who) && who !== t.author && !t.cosigners.has(who)
        ? () => void t.cosigners.add(who)
        : undefined;
  }
}

const step = fc.record({
  kind: fc.constantFrom('submit', 'act', 'act', 'act', 'act'),
  who: fc.constantFrom<Who>(
    'owner',
    'representative',
    'resident',
    'moderator',
    'property_manager',
    'subdistrict_admin',
    'grid_worker',
  ),
  action: fc.constantFrom<Action>(
    'resubmit',
    'return',
    'reject',
    'accept',
    'merge',
    'route',
    'sendBack',
    'takeOn',
    'escalate',
    'answer',
    'cosign',
  ),
  topic: fc.nat(),
  other: fc.nat(),
  /** Steers half the steps towards actions that fit the topic's state, taken by the natural actor. */
  steer: fc.double({ min: 0, max: 1, noNaN: true }),
});

const FITTING: Record<Status, Action[]> = {
  submitted: ['return', 'reject', 'accept', 'merge', 'cosign'],
  returned: ['resubmit'],
  rejected: ['cosign', 'accept'],
  merged: ['cosign', 'route'],
  accepted: ['route', 'merge', 'cosign'],
  routed: ['sendBack', 'takeOn', 'escalate', 'answer', 'cosign'],
  handling: ['escalate', 'answer', 'cosign'],
};
const NATURAL: Record<Action, Who | 'author'> = {
  resubmit: 'author',
  return: 'moderator',
  reject: 'moderator',
  accept: 'moderator',
  merge: 'moderator',
  route: 'moderator',
  sendBack: 'property_manager',
  takeOn: 'property_manager',
  escalate: 'moderator',
  answer: 'property_manager',
  cosign: 'resident',
};

describe.each(eachDatabase)('S9 topic lifecycle model on %s', (dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let estateId: number;
  let partyIds: Record<string, number>;
  const tokens = new Map<Who, string>();
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always', RATE_LIMIT_TOPICS_PER_HOUR: '100000' } });
    communityId = await communityIdOf(server, '和平里社区');
    estateId = Number(
      ((await server.dataSource.query("SELECT id FROM estate WHERE name = '锦绣华庭'")) as { id: number }[])[0]!.id,
    );
    const parties = (await server.dataSource.query('SELECT id, kind FROM party WHERE community_id = ? ORDER BY id', [
      communityId,
    ])) as {
      id: number;
      kind: string;
    }[];
    partyIds = {};
    for (const p of parties) partyIds[p.kind] ??= Number(p.id);
    for (const who of [
      'owner',
      'representative',
      'resident',
      'moderator',
      'property_manager',
      'subdistrict_admin',
      'grid_worker',
    ] as Who[]) {
      tokens.set(who, await personaToken(server, who));
    }
  });
  afterAll(async () => server.close());

  const post = (who: Who, url: string, body: object) =>
    request(server.callback)
      .post(url)
      .set('Authorization', `Bearer ${tokens.get(who)}`)
      .send(body);

  function bodyFor(action: Action, other: ModelTopic | undefined): object {
    switch (action) {
      case 'resubmit':
        return {
          title: '楼道堆物影响通行',
          description: '二单元楼道堆放了很多杂物，影响通行和消防安全。',
          category: '安全隐患',
          scope: 'estate',
          estateId,
        };
      case 'return':
        return { question: '请补充具体位置' };
      case 'reject':
        return { reason: '不属于公共事务' };
      case 'merge':
        return { intoTopicId: other?.id ?? 1 };
      case 'route':
        return { category: '安全隐患', level: 'estate', partyId: partyIds.property_company };
      case 'sendBack':
        return { reason: '不属于物业服务范围' };
      case 'takeOn':
        return { dueDate: '2099-06-30' };
      case 'escalate':
        return { reason: '需要上级协调解决' };
      case 'answer':
        return { text: '已安排人员处理' };
      default:
        return {};
    }
  }
  const path: Record<Action, string> = {
    resubmit: 'resubmit',
    return: 'return',
    reject: 'reject',
    accept: 'accept',
    merge: 'merge',
    route: 'route',
    sendBack: 'send-back',
    takeOn: 'take-on',
    escalate: 'escalate',
    answer: 'answer',
    cosign: 'cosign',
  };

  test('no illegal transition is accepted and the server always equals the model', async () => {
    const runs = dialect === 'sqlite' ? 12 : 4;
    const sequences = fc.sample(fc.array(step, { minLength: 15, maxLength: 35 }), { numRuns: runs, seed: 9 });
    for (const [run, sequence] of sequences.entries()) {
      const model: ModelTopic[] = [];
      for (const [i, s] of sequence.entries()) {
        if (s.kind === 'submit' || model.length === 0) {
          const author: Who = s.who === 'representative' ? 'representative' : 'owner';
          const res = await post(author, '/api/topics', {
            communityId,
            title: `模型议题 ${run}-${i}`,
            description: '用于状态机模型测试的议题描述，内容足够长。',
            category: '安全隐患',
            scope: 'estate',
            estateId,
          });
          expect(res.status).toBe(201);
          model.push({ id: res.body.id, author, status: 'submitted', level: null, party: null, cosigners: new Set() });
          continue;
        }
        const t = model[s.topic % model.length]!;
        const other = model[s.other % model.length];
        if (s.steer < 0.6) {
          const fitting = FITTING[t.status];
          s.action = fitting[Math.floor(s.steer * 1000) % fitting.length]!;
          const natural = NATURAL[s.action];
          s.who = natural === 'author' ? t.author : natural;
        }
        const effect = apply(t, s.who, s.action, other);
        const res = await post(s.who, `/api/topics/${t.id}/${path[s.action]}`, bodyFor(s.action, other));
        const context = `run ${run} step ${i}: ${s.who} ${s.action} #${t.id} (${t.status}) → ${res.status} ${JSON.stringify(res.body.error ?? '')}`;
        if (effect) {
          expect([200, 201]).toContain(res.status);
          effect();
        } else {
          expect({ context, status: res.status >= 400 && res.status < 500 }).toEqual({ context, status: true });
        }
        // The server's state equals the model's, for every topic.
        const rows = await server.dataSource.getRepository(Topic).find({ where: { id: In(model.map((m) => m.id)) } });
        for (const m of model) {
          const row = rows.find((r) => r.id === m.id)!;
          const partyKind = Object.entries(partyIds).find(([, id]) => id === row.responsiblePartyId)?.[0] ?? null;
          expect({
            context,
            id: m.id,
            status: row.status,
            level: row.level,
            party: partyKind,
            cosigns: row.cosignCount,
          }).toEqual({
            context,
            id: m.id,
            status: m.status,
            level: m.level,
            party: m.party,
            cosigns: m.cosigners.size,
          });
        }
      }
    }
  }, 120_000);
});
