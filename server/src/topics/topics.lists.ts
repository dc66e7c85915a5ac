import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { queryTokens, SIMILAR_TOPIC_THRESHOLD, similarity } from '../../../shared/src/topics/bigrams';
import {
  type CommunityFeedQuery,
  ESCALATED_LEVELS,
  type EscalatedQuery,
  type InboxQuery,
  type MyTopicsQuery,
  type PartyQueueQuery,
  QUEUE_STATUSES,
  SIMILAR_TOPICS_MAX,
  type SimilarTopic,
  statusesOf,
} from '../../../shared/src/topics/topic-lists.schema';
import { OPEN_STATUSES, TOPIC_STATUS_LABELS, type TopicStatus } from '../../../shared/src/topics/topic-states';
import type { TopicSummary } from '../../../shared/src/topics/topics.schema';
import type { Actor } from '../auth/actor';
import { Community } from '../communities/communities.entity';
import { type Dialect, dialectOf } from '../db/data-source';
import { AppError } from '../http/app-error';
import { assertModerator } from '../members/members.policy';
import { Party, Topic } from './topics.entity';
import { subDistrictOf } from './topics.policy';
import { summarize } from './topics.views';

/**
 * The topic lists: the community feed (newest, most co-signed, by status,
 * category and estate, with bigram search), my topics, a responsible party's
 * queue, the moderator inbox, the sub-district's escalated topics and the
 * similar-topic hints.
 *
 * Every list is keyset-paginated: a page reads the rows after the previous
 * page's last (sort key, id) in index order — no OFFSET, no COUNT. The cursor
 * is that key as base64url JSON, tagged with the order it belongs to; anything
 * else is VALIDATION_FAILED. The feed reads one of topic's feed indexes only
 * (forced: MariaDB otherwise scans from the top of the community down to the
 * cursor), one range per status for a status group and two ranges after a
 * (cosign_count, id) cursor, merged with UNION ALL; the candidates' rows are
 * then loaded once and checked (held, merged, category, estate), reading on
 * only if too many fail. A page may therefore be short — even empty — while
 * nextCursor is not null after MAX_EXAMINED candidates: clients follow
 * nextCursor until it is null. Search and the other lists filter in SQL.
 */

const PAGE_CONTEXT = { in: 'query' } as const;
const INT_MAX = 2_147_483_647;

interface Fragment {
  sql: string;
  params: unknown[];
}
const frag = (sql: string, ...params: unknown[]): Fragment => ({ sql, params });
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const inList = (column: string, values: readonly unknown[]): Fragment =>
  values.length === 1
    ? frag(`${column} = ?`, values[0])
    : frag(`${column} IN (${placeholders(values.length)})`, ...values);

/** The key a list is sorted by besides the id (the id always breaks ties). */
interface SortKey {
  /** Expression selected as the cursor's value (MySQL casts datetimes to text to keep microseconds). */
  select: Record<Dialect, string>;
  /** Expression compared and ordered by. */
  compare: string;
  type: 'int' | 'time';
  /**
   * The list's index ends in (key, id): a page after a cursor then reads two
   * index ranges — the rest of the cursor's key (key = k AND id after i) and
   * the keys after it — instead of an OR that MariaDB and SQLite scan from the
   * top of the index.
   */
  indexed: boolean;
}

interface Ordering {
  /** Tag stored in the cursor, so a cursor of one list's order is refused by another. */
  tag: string;
  key?: SortKey;
  id: string;
  direction: 'ASC' | 'DESC';
}

const NEWEST: Ordering = { tag: 'n', id: 't.id', direction: 'DESC' };
const OLDEST: Ordering = { tag: 'o', id: 't.id', direction: 'ASC' };
const MOST_COSIGNED: Ordering = {
  tag: 'c',
  key: {
    select: { sqlite: 't.cosign_count', mysql: 't.cosign_count' },
    compare: 't.cosign_count',
    type: 'int',
    indexed: true,
  },
  id: 't.id',
  direction: 'DESC',
};
const RELEVANCE: Ordering = {
  tag: 'r',
  key: { select: { sqlite: 'm.score', mysql: 'm.score' }, compare: 'm.score', type: 'int', indexed: false },
  id: 't.id',
  direction: 'DESC',
};
const LONGEST_WAITING: Ordering = {
  tag: 'w',
  key: {
    select: { sqlite: 't.status_changed_at', mysql: 'CAST(t.status_changed_at AS CHAR)' },
    compare: 't.status_changed_at',
    type: 'time',
    indexed: false,
  },
  id: 't.id',
  direction: 'ASC',
};

interface Cursor {
  key?: number | string;
  id: number;
}

export interface TopicPage {
  items: TopicSummary[];
  nextCursor: string | null;
}

function encodeCursor(ordering: Ordering, cursor: Cursor): string {
  const body = ordering.key ? { s: ordering.tag, k: cursor.key, i: cursor.id } : { s: ordering.tag, i: cursor.id };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** A stored datetime as the database writes it: `2024-05-01 08:30:00.123456`. */
const TIME_KEY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$/;

function badCursor(): AppError {
  const message = '翻页参数无效，请重新加载列表';
  return new AppError('VALIDATION_FAILED', {
    message,
    details: { ...PAGE_CONTEXT, fields: [{ path: 'cursor', message }] },
  });
}

/** Reads a cursor of `ordering`. Errors: VALIDATION_FAILED for anything else (tampered, another list's, garbage). */
function decodeCursor(ordering: Ordering, raw: string | undefined): Cursor | undefined {
  if (raw === undefined) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badCursor();
  const { s, k, i } = body as Record<string, unknown>;
  if (s !== ordering.tag || !Number.isInteger(i) || (i as number) < 0 || (i as number) > INT_MAX) throw badCursor();
  if (!ordering.key) {
    if (k !== undefined) throw badCursor();
    return { id: i as number };
  }
  const keyOk =
    ordering.key.type === 'int'
      ? Number.isInteger(k) && Math.abs(k as number) <= INT_MAX * 64
      : typeof k === 'string' && TIME_KEY.test(k);
  if (!keyOk) throw badCursor();
  return { key: k as number | string, id: i as number };
}

interface KeysetList {
  /** FROM clause (tables, joins, a derived table), aliasing the topic as `t`. */
  from: Fragment;
  /**
   * The index to read `topic t` by (the FROM must then be just `topic t`).
   * MariaDB otherwise may pick a `ref` on the community and scan it from the
   * top down to the cursor — fine at 10k topics, seconds at 1M.
   */
  index?: string;
  where: Fragment[];
  /**
   * Alternatives read as separate ordered ranges and merged (UNION ALL), e.g.
   * one per status, so each uses an index that ends in the sort key.
   */
  branches?: Fragment[];
  ordering: Ordering;
  cursor: string | undefined;
  limit: number;
  /**
   * Conditions checked on the loaded rows rather than in SQL. The SQL then
   * reads only the index (no row lookups for candidates that fail), the page's
   * rows are loaded once — they are needed anyway — and more candidates are read
   * only when too many failed.
   */
  check?: (topic: Topic) => boolean;
}

/**
 * "After the cursor" in the list's order, as alternatives: one for the id
 * alone; two index ranges for an indexed key; otherwise one condition.
 */
function afterCursor(ordering: Ordering, cursor: Cursor): Fragment[] {
  const op = ordering.direction === 'DESC' ? '<' : '>';
  const id = ordering.id;
  if (!ordering.key) return [frag(`${id} ${op} ?`, cursor.id)];
  const k = ordering.key.compare;
  if (ordering.key.indexed) {
    return [frag(`${k} = ? AND ${id} ${op} ?`, cursor.key, cursor.id), frag(`${k} ${op} ?`, cursor.key)];
  }
  return [frag(`(${k} ${op} ? OR (${k} = ? AND ${id} ${op} ?))`, cursor.key, cursor.key, cursor.id)];
}

/**
 * The SQL reading the next `take` (id, sort key) rows after the cursor in the
 * list's order. Several alternatives (status branches × cursor ranges) are
 * each an ordered, limited index range, merged by UNION ALL.
 */
function keysetQuery(dialect: Dialect, list: KeysetList, cursor: Cursor | undefined, take: number): Fragment {
  const { ordering } = list;
  const dir = ordering.direction;
  const keySelect = ordering.key ? `, ${ordering.key.select[dialect]} AS k0` : '';
  const orderBy = ordering.key ? `${ordering.key.compare} ${dir}, ${ordering.id} ${dir}` : `${ordering.id} ${dir}`;
  const hint = list.index && (dialect === 'mysql' ? ` FORCE INDEX (${list.index})` : ` INDEXED BY ${list.index}`);
  const from = hint ? frag(list.from.sql + hint, ...list.from.params) : list.from;
  const alternatives: Fragment[][] = [];
  for (const branch of list.branches?.length ? list.branches : [undefined]) {
    for (const after of cursor ? afterCursor(ordering, cursor) : [undefined]) {
      alternatives.push([...list.where, ...(branch ? [branch] : []), ...(after ? [after] : [])]);
    }
  }
  const select = (conditions: Fragment[]): Fragment => ({
    sql:
      `SELECT ${ordering.id} AS id${keySelect} FROM ${from.sql}` +
      (conditions.length ? ` WHERE ${conditions.map((c) => c.sql).join(' AND ')}` : '') +
      ` ORDER BY ${orderBy} LIMIT ${take}`,
    params: [...from.params, ...conditions.flatMap((c) => c.params)],
  });
  if (alternatives.length === 1) return select(alternatives[0]!);
  const parts = alternatives.map(select);
  const columns = ordering.key ? 'id, k0' : 'id';
  return {
    sql:
      parts.map((p, i) => `SELECT ${columns} FROM (${p.sql}) b${i}`).join(' UNION ALL ') +
      ` ORDER BY ${ordering.key ? `k0 ${dir}, ` : ''}id ${dir} LIMIT ${take}`,
    params: parts.flatMap((p) => p.params),
  };
}

/** Candidates read beyond the page when rows are checked after loading (held or merged ones are rare). */
const CHECK_SLACK = 4;
/** Most candidates one request examines; past that it answers what it found, with a cursor to go on. */
const MAX_EXAMINED = 1000;

/**
 * One page: reads candidates in the list's order, loads their rows, keeps
 * those passing `check`, and reads on while the page is not full. The next
 * cursor is the key of the last row shown — or, when MAX_EXAMINED candidates
 * were examined first, of the last candidate (the page may then be short).
 */
async function pageOf(ds: DataSource, list: KeysetList): Promise<TopicPage> {
  const dialect = dialectOf(ds);
  const { ordering, limit } = list;
  let cursor = decodeCursor(ordering, list.cursor);
  const found: { topic: Topic; at: Cursor }[] = [];
  let take = list.check ? limit + 1 + CHECK_SLACK : limit + 1;
  let examined = 0;
  let more = false;
  for (;;) {
    const query = keysetQuery(dialect, list, cursor, take);
    const rows = (await ds.query(query.sql, query.params)) as { id: number | string; k0?: number | string }[];
    const candidates = rows.map((r) => ({
      id: Number(r.id),
      key: ordering.key ? (ordering.key.type === 'int' ? Number(r.k0) : String(r.k0)) : undefined,
    }));
    const loaded = candidates.length
      ? await ds.getRepository(Topic).find({ where: { id: In(candidates.map((c) => c.id)) } })
      : [];
    const byId = new Map(loaded.map((t) => [t.id, t]));
    for (const c of candidates) {
      const topic = byId.get(c.id);
      if (topic && (!list.check || list.check(topic))) found.push({ topic, at: c });
      if (found.length > limit) break;
    }
    examined += candidates.length;
    const last = candidates[candidates.length - 1];
    if (found.length > limit || candidates.length < take || !last) {
      more = found.length > limit;
      break;
    }
    cursor = last;
    if (examined >= MAX_EXAMINED) {
      // Long stretch of rows that fail the check: hand back what was found and where to go on.
      const page = found.slice(0, limit);
      return {
        items: await summarize(
          ds,
          page.map((f) => f.topic),
        ),
        nextCursor: encodeCursor(ordering, last),
      };
    }
    take = Math.min(take * 2, 400);
  }
  const page = found.slice(0, limit);
  const end = page[page.length - 1];
  return {
    items: await summarize(
      ds,
      page.map((f) => f.topic),
    ),
    nextCursor: more && end ? encodeCursor(ordering, end.at) : null,
  };
}

/** A filter on one status or a group: one branch per status (index ranges), or one condition. */
function statusBranches(column: string, statuses: readonly TopicStatus[], prefix: Fragment[] = []): Fragment[] {
  return statuses.map((s) => {
    const parts = [...prefix, frag(`${column} = ?`, s)];
    return frag(parts.map((p) => p.sql).join(' AND '), ...parts.flatMap((p) => p.params));
  });
}

async function assertCommunityExists(ds: DataSource, communityId: number): Promise<void> {
  const found = await ds.getRepository(Community).exists({ where: { id: communityId } });
  if (!found) throw new AppError('NOT_FOUND', { message: '没有这个社区' });
}

/** Search: topics holding enough of the query's tokens, with their score (title tokens weigh 2). */
function searchSource(communityId: number, q: string): Fragment {
  const tokens = queryTokens(q);
  // Short queries must match every token; longer ones 60 % of them (a typo or an extra word still finds the topic).
  const needed = tokens.length <= 3 ? tokens.length : Math.ceil(tokens.length * 0.6);
  return frag(
    `(SELECT tt.topic_id AS topic_id, SUM(tt.weight) AS score FROM topic_token tt
       WHERE tt.community_id = ? AND tt.token IN (${placeholders(tokens.length)})
       GROUP BY tt.topic_id HAVING COUNT(*) >= ?) m JOIN topic t ON t.id = m.topic_id`,
    communityId,
    ...tokens,
    needed,
  );
}

/** The feed's list: public topics of the community, filtered, in the asked order. */
function communityFeedList(communityId: number, query: CommunityFeedQuery): KeysetList {
  const sort = query.sort ?? (query.q ? 'relevance' : 'newest');
  const ordering = sort === 'relevance' ? RELEVANCE : sort === 'cosigns' ? MOST_COSIGNED : NEWEST;
  const statuses = query.status === undefined ? undefined : statusesOf(query.status);
  const page = { ordering, cursor: query.cursor, limit: query.limit };
  if (query.q) {
    const where: Fragment[] = [frag('t.community_id = ?', communityId), frag('t.held = 0')];
    where.push(statuses ? inList('t.status', statuses) : frag("t.status <> 'merged'"));
    if (query.category !== undefined) where.push(frag('t.category = ?', query.category));
    if (query.estateId !== undefined) where.push(frag('t.estate_id = ?', query.estateId));
    return { from: searchSource(communityId, query.q), where, ...page };
  }
  // The SQL reads one of the feed's indexes only — (community_id, id), (community_id, status, id) with one
  // range per status, (community_id, cosign_count, id) — and the loaded rows are checked for the rest.
  const byStatus = statuses !== undefined && sort === 'newest';
  const { category, estateId } = query;
  return {
    from: frag('topic t'),
    index: sort === 'cosigns' ? 'ix_topic_feed_cosigns' : byStatus ? 'ix_topic_feed_status' : 'ix_topic_feed',
    where: [frag('t.community_id = ?', communityId)],
    branches: byStatus ? statusBranches('t.status', statuses) : undefined,
    check: (t) =>
      !t.held &&
      (statuses ? statuses.includes(t.status) : t.status !== 'merged') &&
      (category === undefined || t.category === category) &&
      (estateId === undefined || t.estateId === estateId),
    ...page,
  };
}

/**
 * The public feed of a community: never held topics, and merged ones only
 * when `status=merged` is asked for. With `q`, only topics matching the search
 * (sorted by relevance unless another sort is asked). Errors: NOT_FOUND,
 * VALIDATION_FAILED (cursor).
 */
export async function listCommunityTopics(
  ds: DataSource,
  communityId: number,
  query: CommunityFeedQuery,
): Promise<TopicPage> {
  await assertCommunityExists(ds, communityId);
  return pageOf(ds, communityFeedList(communityId, query));
}

/** For the benchmark: the SQL (and parameters) of one feed page, to EXPLAIN. */
export function communityFeedSql(dialect: Dialect, communityId: number, query: CommunityFeedQuery): Fragment {
  const list = communityFeedList(communityId, query);
  return keysetQuery(dialect, list, decodeCursor(list.ordering, list.cursor), list.limit + 1 + CHECK_SLACK);
}

/**
 * The user's own topics (any status, held ones included), or those they
 * co-signed or follow (held ones only when they may see them); newest first.
 */
export async function listMyTopics(ds: DataSource, actor: Actor, query: MyTopicsQuery): Promise<TopicPage> {
  const where: Fragment[] = [];
  let from: Fragment;
  if (query.relation === 'authored') {
    from = frag('topic t');
    where.push(frag('t.author_id = ?', actor.userId));
  } else {
    from = frag(
      query.relation === 'cosigned'
        ? 'cosign r JOIN topic t ON t.id = r.topic_id'
        : 'topic_follow r JOIN topic t ON t.id = r.topic_id',
    );
    where.push(frag('r.user_id = ?', actor.userId));
    const moderated = actor.roles
      .filter((r) => r.role === 'moderator' && r.communityId !== null && actor.isModerator(r.communityId))
      .map((r) => r.communityId as number);
    const visible = [
      frag('t.held = 0'),
      frag('t.author_id = ?', actor.userId),
      frag('t.entered_by_id = ?', actor.userId),
    ];
    if (moderated.length > 0) visible.push(inList('t.community_id', moderated));
    where.push(frag(`(${visible.map((v) => v.sql).join(' OR ')})`, ...visible.flatMap((v) => v.params)));
  }
  if (query.status !== undefined) where.push(inList('t.status', statusesOf(query.status)));
  return pageOf(ds, { from, where, ordering: NEWEST, cursor: query.cursor, limit: query.limit });
}

/**
 * Whether the actor may read a party's queue: a member of the party (not
 * suspended in its community), a moderator of its community, or — for the
 * sub-district office and departments — a sub-district admin over it.
 * Errors: NOT_FOUND (no such party), FORBIDDEN.
 */
async function assertCanReadQueue(ds: DataSource, actor: Actor, partyId: number): Promise<Party> {
  const party = await ds.getRepository(Party).findOne({ where: { id: partyId } });
  if (!party) throw new AppError('NOT_FOUND', { message: '没有这个责任主体' });
  if (actor.isModerator(party.communityId)) return party;
  if (!actor.isSuspendedIn(party.communityId)) {
    const member = (await ds.query('SELECT 1 AS found FROM party_member WHERE party_id = ? AND user_id = ?', [
      party.id,
      actor.userId,
    ])) as unknown[];
    if (member.length > 0) return party;
  }
  if (party.kind === 'sub_district' || party.kind === 'department') {
    const subDistrict = await subDistrictOf(ds, party.communityId);
    if (subDistrict !== undefined && actor.isSubDistrictAdmin(subDistrict)) return party;
  }
  throw new AppError('FORBIDDEN', { message: '只有该责任主体的成员和社区工作者可以查看待办议题' });
}

/** A responsible party's queue: its routed and handling topics, oldest first. Errors: NOT_FOUND, FORBIDDEN. */
export async function listPartyQueue(
  ds: DataSource,
  actor: Actor,
  partyId: number,
  query: PartyQueueQuery,
): Promise<TopicPage> {
  await assertCanReadQueue(ds, actor, partyId);
  const statuses = query.status ? [query.status] : QUEUE_STATUSES;
  return pageOf(ds, {
    from: frag('topic t'),
    // ix_topic_party (responsible_party_id, status, id): one ordered range per status.
    index: 'ix_topic_party',
    where: [frag('t.held = 0')],
    branches: statusBranches('t.status', statuses, [frag('t.responsible_party_id = ?', partyId)]),
    ordering: OLDEST,
    cursor: query.cursor,
    limit: query.limit,
  });
}

/** Most (party, status) ranges read separately before one IN query is cheaper. */
const MAX_QUEUE_BRANCHES = 24;

/** The queues of every party the user acts for (not where they are suspended), merged, oldest first. */
export async function listMyQueue(ds: DataSource, actor: Actor, query: PartyQueueQuery): Promise<TopicPage> {
  const rows = (await ds.query(
    'SELECT p.id AS id, p.community_id AS community_id FROM party_member pm JOIN party p ON p.id = pm.party_id WHERE pm.user_id = ?',
    [actor.userId],
  )) as { id: number; community_id: number }[];
  const parties = rows.filter((r) => !actor.isSuspendedIn(Number(r.community_id))).map((r) => Number(r.id));
  if (parties.length === 0) {
    decodeCursor(OLDEST, query.cursor);
    return { items: [], nextCursor: null };
  }
  const statuses = query.status ? [query.status] : QUEUE_STATUSES;
  const where = [frag('t.held = 0')];
  let branches: Fragment[] | undefined;
  if (parties.length * statuses.length <= MAX_QUEUE_BRANCHES) {
    branches = parties.flatMap((p) => statusBranches('t.status', statuses, [frag('t.responsible_party_id = ?', p)]));
  } else {
    where.push(inList('t.responsible_party_id', parties), inList('t.status', statuses));
  }
  return pageOf(ds, {
    from: frag('topic t'),
    index: 'ix_topic_party',
    where,
    branches,
    ordering: OLDEST,
    cursor: query.cursor,
    limit: query.limit,
  });
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The moderator inbox of a community: topics in one status (held ones
 * included, flagged), or all held ones; longest waiting first. Errors:
 * FORBIDDEN (not a moderator of the community), VALIDATION_FAILED (cursor).
 */
export async function listInbox(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  query: InboxQuery,
  now = Date.now(),
): Promise<TopicPage> {
  assertModerator(actor, communityId);
  const where: Fragment[] = [frag('t.community_id = ?', communityId)];
  where.push(query.status === 'held' ? frag('t.held = 1') : frag('t.status = ?', query.status));
  if (query.category !== undefined) where.push(frag('t.category = ?', query.category));
  if (query.estateId !== undefined) where.push(frag('t.estate_id = ?', query.estateId));
  if (query.olderThanDays !== undefined) {
    const column = ds.getMetadata(Topic).findColumnWithPropertyName('statusChangedAt')!;
    const before = ds.driver.preparePersistentValue(new Date(now - query.olderThanDays * DAY_MS), column);
    where.push(frag('t.status_changed_at < ?', before));
  }
  return pageOf(ds, {
    from: frag('topic t'),
    where,
    ordering: LONGEST_WAITING,
    cursor: query.cursor,
    limit: query.limit,
  });
}

/**
 * Topics escalated to the sub-district or a department from any community of
 * the sub-district; newest first. Errors: FORBIDDEN (not its admin).
 */
export async function listEscalated(
  ds: DataSource,
  actor: Actor,
  subDistrictId: number,
  query: EscalatedQuery,
): Promise<TopicPage> {
  if (!actor.isSubDistrictAdmin(subDistrictId)) {
    throw new AppError('FORBIDDEN', { message: '只有本街道的工作人员可以查看上报的议题' });
  }
  const where: Fragment[] = [frag('c.sub_district_id = ?', subDistrictId), frag('t.held = 0')];
  if (query.communityId !== undefined) where.push(frag('t.community_id = ?', query.communityId));
  if (query.status !== undefined) where.push(inList('t.status', statusesOf(query.status)));
  const levels = query.level ? [query.level] : ESCALATED_LEVELS;
  return pageOf(ds, {
    from: frag('topic t JOIN community c ON c.id = t.community_id'),
    where,
    branches: levels.map((l) => frag('t.level = ?', l)),
    ordering: NEWEST,
    cursor: query.cursor,
    limit: query.limit,
  });
}

/** Candidates read from the index before ranking by similarity. */
const SIMILAR_CANDIDATES = 50;

/**
 * Open topics of the community whose titles read like `title` (Dice
 * similarity of character bigrams ≥ SIMILAR_TOPIC_THRESHOLD), best first, at
 * most SIMILAR_TOPICS_MAX: shown under the title field with "附议 instead".
 * Candidates come from the title tokens (weight 2) in the bigram index.
 */
export async function findSimilarTopics(
  ds: DataSource,
  communityId: number,
  title: string,
): Promise<{ items: SimilarTopic[] }> {
  await assertCommunityExists(ds, communityId);
  const tokens = queryTokens(title);
  if (tokens.length === 0) return { items: [] };
  // A title sharing s of the query's a tokens can reach the threshold only if 2s/(a+s) ≥ T.
  const T = SIMILAR_TOPIC_THRESHOLD;
  const needed = Math.max(1, Math.ceil((T * tokens.length) / (2 - T) - 1e-9));
  const rows = (await ds.query(
    `SELECT tt.topic_id AS id FROM topic_token tt JOIN topic t ON t.id = tt.topic_id
      WHERE tt.community_id = ? AND tt.token IN (${placeholders(tokens.length)}) AND tt.weight = 2
        AND t.community_id = ? AND t.held = 0 AND t.status IN (${placeholders(OPEN_STATUSES.length)})
      GROUP BY tt.topic_id HAVING COUNT(*) >= ?
      ORDER BY COUNT(*) DESC, tt.topic_id DESC LIMIT ${SIMILAR_CANDIDATES}`,
    [communityId, ...tokens, communityId, ...OPEN_STATUSES, needed],
  )) as { id: number | string }[];
  if (rows.length === 0) return { items: [] };
  const topics = await ds.getRepository(Topic).find({ where: { id: In(rows.map((r) => Number(r.id))) } });
  const items = topics
    .map((t) => ({ topic: t, score: similarity(title, t.title) }))
    .filter((c) => c.score >= T)
    .sort((a, b) => b.score - a.score || b.topic.cosignCount - a.topic.cosignCount || b.topic.id - a.topic.id)
    .slice(0, SIMILAR_TOPICS_MAX)
    .map(({ topic, score }) => ({
      id: topic.id,
      title: topic.title,
      status: topic.status,
      statusLabel: TOPIC_STATUS_LABELS[topic.status],
      cosignCount: topic.cosignCount,
      cosignTarget: topic.cosignTarget,
      similarity: Math.round(score * 100) / 100,
    }));
  return { items };
}

/** For the benchmark and tests: the cursor a list would hand out after a row with this key. */
export function cursorAfter(sort: 'newest' | 'cosigns', row: { id: number; cosignCount?: number }): string {
  return sort === 'newest'
    ? encodeCursor(NEWEST, { id: row.id })
    : encodeCursor(MOST_COSIGNED, { id: row.id, key: row.cosignCount ?? 0 });
}
