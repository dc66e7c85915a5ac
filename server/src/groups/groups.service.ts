import type { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  type GroupBinding,
  type GroupChatView,
  type GroupEnterBody,
  type GroupEnterResult,
  groupDisplayName,
  type TopicGroup,
  type UpdateGroupBody,
} from '../../../shared/src/groups/groups.schema';
import type { Actor } from '../auth/actor';
import { WechatSession } from '../auth/auth.entity';
import { Building, Community, Estate } from '../communities/communities.entity';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import type { AppServices } from '../http/context';
import { GroupChat, Topic } from '../topics/topics.entity';
import { assertCanSee } from '../topics/topics.policy';
import { decryptWechatData, WechatDataError, type WechatDataErrorReason } from '../wechat/wechat.crypto';
import { assertCanEnterGroup, assertCanManageGroup } from './groups.policy';

/**
 * How long after WeChat produced group data we accept it (its watermark
 * timestamp). The mini-program asks WeChat for it right before posting, so an
 * hour is generous; older payloads are replays.
 */
export const GROUP_DATA_MAX_AGE_SECONDS = 3600;

/** What we read from wx.getGroupEnterInfo's decrypted data. */
const groupEnterDataSchema = z.object({ opengid: z.string().min(1).max(64) });

/** Chinese messages for refused group data; details.reason carries the machine-readable cause. */
const ENTER_REFUSALS: Record<WechatDataErrorReason | 'no_session' | 'no_group', string> = {
  no_session: '请先用微信登录，再从群聊中打开',
  malformed: '群聊信息格式有误，请从群聊中重新打开',
  undecryptable: '无法识别群聊信息，请从群聊中重新打开',
  appid_mismatch: '群聊信息不属于本小程序',
  stale: '群聊信息已过期，请从群聊中重新打开',
  no_group: '没有读到群聊信息，请从群聊中重新打开',
};

function refuseGroupData(reason: keyof typeof ENTER_REFUSALS, cause?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', { message: ENTER_REFUSALS[reason], details: { reason }, cause });
}

interface BindingRow {
  estate_id: number | null;
  estate_name: string | null;
  building_id: number | null;
  building_name: string | null;
}

function bindingOf(row: BindingRow): GroupBinding | null {
  if (row.estate_id === null || row.estate_name === null) return null;
  return {
    estateId: Number(row.estate_id),
    estateName: row.estate_name,
    buildingId: row.building_id === null ? null : Number(row.building_id),
    buildingName: row.building_name,
  };
}

const GROUP_ROWS_SQL = `SELECT g.id, g.community_id, g.open_gid, g.name, g.created_at,
       g.estate_id, e.name AS estate_name, g.building_id, b.name AS building_name,
       (SELECT COUNT(*) FROM cosign c WHERE c.group_chat_id = g.id) AS cosigns
  FROM group_chat g
  LEFT JOIN estate e ON e.id = g.estate_id
  LEFT JOIN building b ON b.id = g.building_id`;

interface GroupRow extends BindingRow {
  id: number;
  community_id: number;
  open_gid: string;
  name: string | null;
  created_at: Date | string;
  cosigns: number | string;
}

function groupView(row: GroupRow): GroupChatView {
  return {
    id: Number(row.id),
    communityId: Number(row.community_id),
    openGid: row.open_gid,
    name: row.name,
    displayName: groupDisplayName(row.name),
    bound: bindingOf(row),
    cosigns: Number(row.cosigns),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

async function loadGroupView(ds: DataSource, groupId: number): Promise<GroupChatView> {
  const rows = (await ds.query(`${GROUP_ROWS_SQL} WHERE g.id = ?`, [groupId])) as GroupRow[];
  if (!rows[0]) throw new AppError('NOT_FOUND');
  return groupView(rows[0]);
}

/**
 * A visitor opened a share card in a WeChat group: decrypts what
 * wx.getGroupEnterInfo gave them with their session_key (kept server-side
 * since their WeChat login), then finds or creates the community's GroupChat
 * for that openGId. Writes nothing about the visitor.
 * Errors: NOT_FOUND (community, or topic), MEMBER_SUSPENDED, FORBIDDEN,
 * VALIDATION_FAILED (topic of another community; details.reason no_session,
 * malformed, undecryptable, appid_mismatch, stale, no_group).
 */
export async function enterGroup(services: AppServices, actor: Actor, body: GroupEnterBody): Promise<GroupEnterResult> {
  const ds = services.dataSource;
  if (!(await ds.getRepository(Community).exists({ where: { id: body.communityId } }))) {
    throw new AppError('NOT_FOUND', { message: '没有这个社区' });
  }
  if (body.topicId !== undefined) {
    const topic = await ds.getRepository(Topic).findOne({ where: { id: body.topicId } });
    if (!topic) throw new AppError('NOT_FOUND', { message: '没有这个议题' });
    assertCanSee(actor, topic);
    if (topic.communityId !== body.communityId) {
      const message = '议题不属于这个社区';
      throw new AppError('VALIDATION_FAILED', {
        message,
        details: { in: 'body', fields: [{ path: 'topicId', message }] },
      });
    }
  }
  assertCanEnterGroup(actor, body.communityId, body.topicId !== undefined);

  const session = await ds.getRepository(WechatSession).findOne({ where: { userId: actor.userId } });
  if (!session) throw refuseGroupData('no_session');
  let opengid: string;
  try {
    const data = decryptWechatData(session.sessionKey, body.encryptedData, body.iv, {
      appid: services.wechat.appid,
      maxAgeSeconds: GROUP_DATA_MAX_AGE_SECONDS,
    });
    const parsed = groupEnterDataSchema.safeParse(data);
    if (!parsed.success) throw refuseGroupData('no_group');
    opengid = parsed.data.opengid;
  } catch (error) {
    if (error instanceof WechatDataError) throw refuseGroupData(error.reason, error);
    throw error;
  }

  const group = await runInTransaction(ds, async (em) => {
    // Two visitors of one group may arrive together: the unique key decides, both read the one row.
    await em
      .createQueryBuilder()
      .insert()
      .into(GroupChat)
      .values({ communityId: body.communityId, openGid: opengid })
      .orIgnore()
      .execute();
    return em.getRepository(GroupChat).findOneOrFail({ where: { communityId: body.communityId, openGid: opengid } });
  });
  const view = await loadGroupView(ds, group.id);
  return { groupChatId: view.id, bound: view.bound };
}

/** The community's group chats, unbound ones first, for its moderators. Errors: FORBIDDEN. */
export async function listGroupChats(ds: DataSource, actor: Actor, communityId: number): Promise<GroupChatView[]> {
  if (!actor.isModerator(communityId)) {
    throw new AppError('FORBIDDEN', { message: '只有本社区的社区工作者可以管理微信群' });
  }
  const rows = (await ds.query(
    `${GROUP_ROWS_SQL} WHERE g.community_id = ?
      ORDER BY CASE WHEN g.estate_id IS NULL THEN 0 ELSE 1 END, g.id DESC`,
    [communityId],
  )) as GroupRow[];
  return rows.map(groupView);
}

/**
 * A moderator names a group chat and binds it to an estate or a building of
 * its community (or unbinds it). A building binds its estate too.
 * Errors: NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (estate or building not of
 * the community, building not of the given estate).
 */
export async function updateGroupChat(
  ds: DataSource,
  actor: Actor,
  groupId: number,
  body: UpdateGroupBody,
): Promise<GroupChatView> {
  await runInTransaction(ds, async (em) => {
    const group = await em.getRepository(GroupChat).findOne({ where: { id: groupId } });
    if (!group) throw new AppError('NOT_FOUND');
    assertCanManageGroup(actor, group);

    const invalid = (path: 'estateId' | 'buildingId', message: string) =>
      new AppError('VALIDATION_FAILED', { message, details: { in: 'body', fields: [{ path, message }] } });
    const estateOfCommunity = async (estateId: number): Promise<Estate> => {
      const estate = await em.getRepository(Estate).findOne({ where: { id: estateId } });
      if (!estate || estate.communityId !== group.communityId) throw invalid('estateId', '所选小区不属于本社区');
      return estate;
    };

    const patch: Partial<GroupChat> = {};
    if (body.name !== undefined) patch.name = body.name;
    let estateId = group.estateId;
    let buildingId = group.buildingId;
    if (body.buildingId !== undefined && body.buildingId !== null) {
      const building = await em.getRepository(Building).findOne({ where: { id: body.buildingId } });
      if (!building) throw invalid('buildingId', '所选楼栋不属于本社区');
      const estate = await em.getRepository(Estate).findOne({ where: { id: building.estateId } });
      if (!estate || estate.communityId !== group.communityId) throw invalid('buildingId', '所选楼栋不属于本社区');
      if (body.estateId !== undefined && body.estateId !== building.estateId) {
        throw invalid('buildingId', '所选楼栋不在所选小区内');
      }
      estateId = estate.id;
      buildingId = building.id;
    } else if (body.estateId === null) {
      estateId = null;
      buildingId = null;
    } else if (body.estateId !== undefined) {
      const estate = await estateOfCommunity(body.estateId);
      // Binding to a whole estate (or moving to another one) drops the building.
      estateId = estate.id;
      buildingId = body.buildingId === undefined && group.estateId === estate.id ? group.buildingId : null;
    } else if (body.buildingId === null) {
      buildingId = null;
    }
    if (estateId !== group.estateId || buildingId !== group.buildingId) {
      patch.estateId = estateId;
      patch.buildingId = buildingId;
      patch.boundBy = estateId === null ? null : actor.userId;
    }
    if (Object.keys(patch).length > 0) await em.update(GroupChat, { id: group.id }, patch);
  });
  return loadGroupView(ds, groupId);
}

/**
 * Which group chats a topic's co-signers came from, with how many each:
 * counts only, never who. Groups of another community are never counted.
 * Errors: NOT_FOUND (also for a held topic the actor may not see).
 */
export async function listTopicGroups(
  ds: DataSource,
  actor: Actor | undefined,
  topicId: number,
): Promise<TopicGroup[]> {
  const topic = await ds.getRepository(Topic).findOne({ where: { id: topicId } });
  if (!topic) throw new AppError('NOT_FOUND');
  assertCanSee(actor, topic);
  const rows = (await ds.query(
    `SELECT g.id, g.name, e.name AS estate_name, b.name AS building_name, COUNT(*) AS n
       FROM cosign c
       JOIN group_chat g ON g.id = c.group_chat_id
       LEFT JOIN estate e ON e.id = g.estate_id
       LEFT JOIN building b ON b.id = g.building_id
      WHERE c.topic_id = ? AND g.community_id = ?
      GROUP BY g.id, g.name, e.name, b.name
      ORDER BY n DESC, g.id`,
    [topicId, topic.communityId],
  )) as {
    id: number;
    name: string | null;
    estate_name: string | null;
    building_name: string | null;
    n: number | string;
  }[];
  return rows.map((row) => ({
    name: groupDisplayName(row.name),
    estateName: row.estate_name,
    buildingName: row.building_name,
    cosigners: Number(row.n),
  }));
}
