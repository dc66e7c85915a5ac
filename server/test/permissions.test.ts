import request from 'supertest';
import { User, WechatSession } from '../src/auth/auth.entity';
import { Community, SubDistrict, Unit } from '../src/communities/communities.entity';
import { Council, Seat } from '../src/councils/councils.entity';
import {
  AgendaItem,
  Attendance,
  Meeting,
  MeetingInvitee,
  MeetingMinutes,
  MeetingSpeaker,
} from '../src/meetings/meetings.entity';
import { Membership, RoleGrant, UnitClaim } from '../src/members/members.entity';
import { Notification } from '../src/notifications/notifications.entity';
import {
  Implementation,
  Milestone,
  Objection,
  OutcomePhoto,
  ProgressUpdate,
  Publicity,
} from '../src/outcomes/outcomes.entity';
import { GroupChat, Party, Topic, TopicComment, TopicEvent, TopicPhoto } from '../src/topics/topics.entity';
import { signMediaToken } from '../src/topics/topics.media';
import { Upload } from '../src/uploads/uploads.entity';
import { PaperBallot, Vote, VoteElector, VoteProxy } from '../src/votes/votes.entity';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { encryptWechatData } from '../src/wechat/wechat.crypto';
import { PERMISSIONS, PERSONAS, type Persona } from './permissions.table';
import { communityIdOf, PNG } from './support/fixtures';
import { projectCalls } from './support/project-fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

type Target = 'own' | 'other';
interface Call {
  method: 'get' | 'post' | 'patch';
  url: string;
  body?: object;
  multipart?: { fields: Record<string, string>; file: Buffer; filename: string };
  /** Statuses that count as "allowed" when not 2xx (a business answer, not a refusal). */
  alsoAllowed?: number[];
}

/**
 * S11: every operation × every persona (and anonymous) × own / other
 * community, against the checked-in permission table; plus mass assignment.
 */
describe.each(eachDatabase)('S11 permissions on %s', (_dialect, db) => {
  let server: TestServer;
  const tokens = new Map<Persona, string>();
  const ids: Record<Target, { community: number; estate: number; building: number }> = {
    own: { community: 0, estate: 0, building: 0 },
    other: { community: 0, estate: 0, building: 0 },
  };
  let freshCounter = 0;

  const ds = () => server.dataSource;
  async function freshMember(target: Target, status: 'active' | 'suspended' = 'active'): Promise<number> {
    const user = await ds()
      .getRepository(User)
      .save({
        nickname: `测试居民${freshCounter++}`,
        status: 'active',
        tokenVersion: 0,
        largeText: false,
        privacyAcceptedAt: new Date(),
      });
    await ds().getRepository(Membership).insert({ userId: user.id, communityId: ids[target].community, status });
    return user.id;
  }
  async function freshUnit(target: Target): Promise<number> {
    const unit = await ds()
      .getRepository(Unit)
      .save({
        buildingId: ids[target].building,
        estateId: ids[target].estate,
        communityId: ids[target].community,
        label: `测试${freshCounter++}`,
        areaCentiM2: 8000,
        areaSource: 'registered',
        developerHeld: false,
      });
    return unit.id;
  }
  async function pendingClaim(target: Target, evidenceUploadId: number | null = null): Promise<number> {
    const userId = await freshMember(target);
    const unitId = await freshUnit(target);
    const claim = await ds()
      .getRepository(UnitClaim)
      .save({
        userId,
        unitId,
        communityId: ids[target].community,
        estateId: ids[target].estate,
        relation: 'tenant',
        status: 'pending',
        claimedName: '测试',
        rosterMatched: false,
        evidenceUploadId,
        openKey: `${userId}:${unitId}`,
      });
    return claim.id;
  }
  async function evidence(target: Target): Promise<number> {
    const userId = await freshMember(target);
    const key = `claim-evidence/test/${Date.now()}-${freshCounter++}.png`;
    await server.services.storage.put(key, PNG, 'image/png');
    const upload = await ds().getRepository(Upload).save({
      ownerUserId: userId,
      purpose: 'claim_evidence',
      storageKey: key,
      contentType: 'image/png',
      sizeBytes: PNG.length,
      sha256: 'x',
    });
    await pendingClaim(target, upload.id);
    return upload.id;
  }

  async function freshTopic(target: Target, status: Topic['status'], partyKind?: Party['kind']): Promise<number> {
    const authorId = await freshMember(target);
    const party = partyKind
      ? await ds()
          .getRepository(Party)
          .findOne({ where: { communityId: ids[target].community, kind: partyKind } })
      : null;
    if (partyKind && !party) throw new Error(`no ${partyKind} party in ${target}`);
    const topic = await ds()
      .getRepository(Topic)
      .save({
        communityId: ids[target].community,
        scope: 'community',
        title: `测试议题${freshCounter++}`,
        description: '用于权限测试的议题描述文字',
        category: '其他',
        status,
        authorId,
        statusChangedAt: new Date(),
        level: party ? 'community' : null,
        responsiblePartyId: party?.id ?? null,
      });
    return topic.id;
  }
  async function heldTopic(t: Target): Promise<number> {
    const id = await freshTopic(t, 'submitted');
    await ds().getRepository(Topic).update({ id }, { held: true, heldReason: '测试' });
    return id;
  }
  async function freshComment(t: Target, held = false): Promise<number> {
    const topicId = await freshTopic(t, 'submitted');
    return (
      await ds()
        .getRepository(TopicComment)
        .save({ topicId, authorId: await freshMember(t), body: '测试评论', held })
    ).id;
  }
  /** A topic with one photo whose media check is still pending. */
  async function freshTopicPhoto(t: Target): Promise<{ topicId: number; uploadId: number }> {
    const topicId = await freshTopic(t, 'submitted');
    const key = `topic-photo/test/${Date.now()}-${freshCounter++}.png`;
    await server.services.storage.put(key, PNG, 'image/png');
    const upload = await ds()
      .getRepository(Upload)
      .save({
        ownerUserId: await freshMember(t),
        purpose: 'topic_photo',
        storageKey: key,
        contentType: 'image/png',
        sizeBytes: PNG.length,
        sha256: 'x',
      });
    await ds().getRepository(TopicPhoto).insert({ topicId, uploadId: upload.id, position: 0, checkStatus: 'pending' });
    return { topicId, uploadId: upload.id };
  }
  /** An open residents' vote whose electorate is the verified personas (in the target community's name). */
  async function freshVote(t: Target): Promise<number> {
    const vote = await ds()
      .getRepository(Vote)
      .save({
        communityId: ids[t].community,
        estateId: null,
        topicId: null,
        title: `测试表决${freshCounter++}`,
        description: '',
        electorate: 'residents',
        matter: null,
        majority: 'simple',
        base: 'YNA',
        quorumNum: null,
        quorumDen: null,
        secret: true,
        resultsLive: false,
        allowChange: false,
        status: 'open',
        closesAt: new Date(Date.now() + 86_400_000),
        closedAt: null,
        createdBy: 1,
        entitledCount: 4,
      });
    const voters = (await ds().query(
      "SELECT DISTINCT uc.user_id FROM unit_claim uc JOIN app_user u ON u.id = uc.user_id WHERE uc.status = 'approved' AND u.persona_key IS NOT NULL",
    )) as { user_id: number }[];
    await ds()
      .getRepository(VoteElector)
      .insert(voters.map((v) => ({ voteId: vote.id, voterKey: `u:${v.user_id}`, unitId: null, areaCentiM2: null })));
    return vote.id;
  }
  /** A closed vote with one counted ballot, through the API. */
  async function closedVote(): Promise<{ id: number; receiptCode: string }> {
    const id = await freshVote('own');
    const cast = await request(server.callback)
      .post(`/api/votes/${id}/ballots`)
      .set('Authorization', `Bearer ${tokens.get('owner')}`)
      .send({ choice: 'yes' });
    await request(server.callback)
      .post(`/api/votes/${id}/close`)
      .set('Authorization', `Bearer ${tokens.get('moderator')}`)
      .send({});
    return { id, receiptCode: cast.body.receiptCode as string };
  }
  /** The voter key of one persona voter of a fresh vote (its electorate: the verified personas). */
  async function personaVoterKey(voteId: number): Promise<string> {
    const row = await ds()
      .getRepository(VoteElector)
      .findOneOrFail({ where: { voteId }, order: { id: 'ASC' } });
    return row.voterKey;
  }
  /** A pending paper ballot of a fresh vote, entered by a fresh member (so any clerk persona may decide it). */
  async function pendingPaperBallot(t: Target): Promise<number> {
    const voteId = await freshVote(t);
    const voterKey = await personaVoterKey(voteId);
    const paper = await ds()
      .getRepository(PaperBallot)
      .save({
        voteId,
        communityId: ids[t].community,
        voterKey,
        choice: 'yes',
        note: '',
        receiptHash: `${'p'.repeat(48)}${String(freshCounter++).padStart(16, '0')}`,
        status: 'pending' as const,
        enteredBy: await freshMember(t),
        decidedBy: null,
        decidedAt: null,
        reason: null,
        ballotId: null,
        openKey: `${voteId}:${voterKey}`,
      });
    return paper.id;
  }
  /** An active proxy authorization of a fresh vote, given by a fresh member, with a stored photo. */
  async function freshProxy(t: Target): Promise<number> {
    const voteId = await freshVote(t);
    const grantor = await freshMember(t);
    const key = `proxy-authorization/test/${Date.now()}-${freshCounter++}.png`;
    await server.services.storage.put(key, PNG, 'image/png');
    const upload = await ds().getRepository(Upload).save({
      ownerUserId: grantor,
      purpose: 'proxy_authorization',
      storageKey: key,
      contentType: 'image/png',
      sizeBytes: PNG.length,
      sha256: 'x',
    });
    const proxy = await ds()
      .getRepository(VoteProxy)
      .save({
        voteId,
        voterKey: `u:${grantor}`,
        grantorUserId: grantor,
        proxyUserId: await freshMember(t),
        uploadId: upload.id,
        status: 'active' as const,
        revokedAt: null,
        openKey: `${voteId}:u:${grantor}`,
      });
    return proxy.id;
  }
  /** A verified member of the own community to name as proxy: their unit and name. */
  async function verifiedProxy(): Promise<{ proxyUnitId: number; proxyName: string }> {
    const userId = await freshMember('own');
    const unitId = await freshUnit('own');
    await ds().getRepository(UnitClaim).save({
      userId,
      unitId,
      communityId: ids.own.community,
      estateId: ids.own.estate,
      relation: 'tenant',
      status: 'approved',
      claimedName: '测试代理人',
      rosterMatched: false,
      evidenceUploadId: null,
      openKey: null,
    });
    return { proxyUnitId: unitId, proxyName: '测试代理人' };
  }
  /** A proxy-authorization photo uploaded by the persona (any user for anonymous calls). */
  async function proxyUpload(persona: Persona | undefined): Promise<number> {
    const owner = persona
      ? (
          await ds()
            .getRepository(User)
            .findOneOrFail({ where: { personaKey: persona } })
        ).id
      : await freshMember('own');
    const upload = await ds()
      .getRepository(Upload)
      .save({
        ownerUserId: owner,
        purpose: 'proxy_authorization',
        storageKey: `proxy-authorization/test/${Date.now()}-${freshCounter++}.png`,
        contentType: 'image/png',
        sizeBytes: PNG.length,
        sha256: 'x',
      });
    return upload.id;
  }
  /**
   * A meeting in the target community inviting the own community's current
   * council seat holders (for the other community too, so only the community differs).
   */
  async function freshMeeting(t: Target, status: Meeting['status']): Promise<Meeting> {
    const council = await ds()
      .getRepository(Council)
      .findOneOrFail({ where: { communityId: ids.own.community }, order: { id: 'ASC' } });
    const meeting = await ds()
      .getRepository(Meeting)
      .save({
        communityId: ids[t].community,
        councilId: council.id,
        title: `测试会议${freshCounter++}`,
        startsAt: new Date(Date.now() + 10 * 86_400_000),
        place: '社区会议室',
        mode: 'offline',
        status,
        noticeDays: 3,
        announcedAt: null,
        checkInCode: 'ABCDEF',
        createdBy: 1,
      });
    // Own community: its council's seat holders are invited; another community's meeting invites its own members.
    const invitees =
      t === 'own'
        ? [
            ...new Set(
              (
                await ds()
                  .getRepository(Seat)
                  .find({ where: { councilId: council.id } })
              ).map((s) => s.userId),
            ),
          ]
        : [await freshMember('other')];
    await ds()
      .getRepository(MeetingInvitee)
      .insert(invitees.map((userId) => ({ meetingId: meeting.id, userId, role: 'council' as const })));
    return meeting;
  }
  /** A decided topic (with its `decide` timeline entry), optionally published with an open publicity round. */
  async function decidedTopic(t: Target, status: 'decided' | 'publicity' = 'decided'): Promise<number> {
    const id = await freshTopic(t, status);
    await ds().getRepository(TopicEvent).insert({
      topicId: id,
      action: 'decide',
      fromStatus: 'routed',
      toStatus: 'decided',
      actorId: null,
      actorRole: 'moderator',
      partyId: null,
      note: '同意增设充电桩',
      dataJson: null,
    });
    if (status === 'publicity') {
      await ds()
        .getRepository(Publicity)
        .insert({
          topicId: id,
          communityId: ids[t].community,
          resolution: '同意增设充电桩',
          voteId: null,
          meetingId: null,
          days: 5,
          startsAt: new Date(),
          lastDay: '2099-01-01',
          endsAt: new Date(Date.now() + 5 * 86_400_000),
          publishedBy: 1,
          endedAt: null,
          outcome: null,
        });
    }
    return id;
  }
  /** A topic being carried out (or completed, evaluation open) by the property company (own) or the committee (other). */
  async function implementedTopic(
    t: Target,
    status: 'implementation' | 'completed' = 'implementation',
  ): Promise<{ topicId: number; implementationId: number; milestoneId: number }> {
    const topicId = await decidedTopic(t);
    await ds().getRepository(Topic).update({ id: topicId }, { status });
    const party = await ds()
      .getRepository(Party)
      .findOneOrFail({
        where: { communityId: ids[t].community, kind: t === 'own' ? 'property_company' : 'committee' },
      });
    const implementation = await ds()
      .getRepository(Implementation)
      .save({
        topicId,
        communityId: ids[t].community,
        partyId: party.id,
        personUserId: await freshMember(t),
        dueDate: '2099-01-01',
        assignedBy: 1,
        completedAt: status === 'completed' ? new Date() : null,
        evaluationLastDay: status === 'completed' ? '2099-01-01' : null,
        evaluationEndsAt: status === 'completed' ? new Date(Date.now() + 5 * 86_400_000) : null,
        overdueNoticedOn: null,
      });
    const milestone = await ds().getRepository(Milestone).save({
      implementationId: implementation.id,
      topicId,
      communityId: ids[t].community,
      title: '采购设备',
      dueDate: '2099-01-01',
      doneOn: null,
      doneBy: null,
      overdueNoticedOn: null,
    });
    return { topicId, implementationId: implementation.id, milestoneId: milestone.id };
  }
  /** A sub-district id: the demo's (own) or a fresh one nobody administers (other). */
  async function subDistrictId(t: Target): Promise<number> {
    const [row] = (await ds().query('SELECT sub_district_id FROM community WHERE id = ?', [ids[t].community])) as {
      sub_district_id: number;
    }[];
    if (t === 'own') return Number(row!.sub_district_id);
    return (
      await ds()
        .getRepository(SubDistrict)
        .save({ name: '测试街道', code: `SD-T-${freshCounter++}` })
    ).id;
  }

  /**
   * A meeting of the target community in session (starting now), every
   * invitee checked in, one agenda item on a scheduled topic; optionally that
   * item open with one fresh member on the list of speakers, or closed with its
   * draft minutes.
   */
  async function freshSession(
    t: Target,
    options: { status?: Meeting['status']; open?: boolean; speaker?: 'waiting' | 'speaking'; minutes?: boolean } = {},
  ): Promise<{ meeting: Meeting; itemId: number; speakerId: number; speakerUserId: number }> {
    const meeting = await freshMeeting(t, options.status ?? 'in_session');
    await ds()
      .getRepository(Meeting)
      .update({ id: meeting.id }, { startsAt: new Date(Date.now() + 60_000) });
    const topicId = await freshTopic(t, 'scheduled');
    const item = await ds()
      .getRepository(AgendaItem)
      .save({ meetingId: meeting.id, topicId, position: 1, minutes: 20, status: options.open ? 'open' : 'pending' });
    const speakerUserId = await freshMember(t);
    await ds().getRepository(MeetingInvitee).insert({ meetingId: meeting.id, userId: speakerUserId, role: 'guest' });
    const invitees = await ds()
      .getRepository(MeetingInvitee)
      .find({ where: { meetingId: meeting.id } });
    await ds()
      .getRepository(Attendance)
      .insert(
        invitees.map((i) => ({ meetingId: meeting.id, userId: i.userId, method: 'roll_call' as const, recordedBy: 1 })),
      );
    let speakerId = 0;
    if (options.open) {
      await ds().getRepository(Meeting).update({ id: meeting.id }, { currentItemId: item.id });
      if (options.speaker) {
        const speaking = options.speaker === 'speaking';
        speakerId = (
          await ds()
            .getRepository(MeetingSpeaker)
            .save({
              meetingId: meeting.id,
              agendaItemId: item.id,
              userId: speakerUserId,
              status: options.speaker,
              addedBy: null,
              activeKey: `${item.id}:${speakerUserId}`,
              speakingKey: speaking ? item.id : null,
              seconds: speaking ? 180 : null,
              startedAt: speaking ? new Date() : null,
              endedAt: null,
            })
        ).id;
      }
    }
    if (options.minutes) {
      await ds().getRepository(MeetingMinutes).insert({
        meetingId: meeting.id,
        text: '测试会议纪要，记录会议的基本情况和结论。',
        revision: 1,
        updatedBy: 1,
        publishedAt: null,
      });
    }
    return { meeting, itemId: item.id, speakerId, speakerUserId };
  }
  /** The own community, or one of a fresh sub-district (outside the demo sub-district admin's reach). */
  async function reportingCommunity(t: Target): Promise<number> {
    if (t === 'own') return ids.own.community;
    const sd = await ds()
      .getRepository(SubDistrict)
      .save({ name: '测试街道', code: `SD-R-${freshCounter++}` });
    return (
      await ds()
        .getRepository(Community)
        .save({ subDistrictId: sd.id, name: '测试社区', code: `C-R-${freshCounter++}` })
    ).id;
  }
  async function reportingSubDistrict(t: Target): Promise<number> {
    const [row] = (await ds().query('SELECT sub_district_id FROM community WHERE id = ?', [
      await reportingCommunity(t),
    ])) as { sub_district_id: number }[];
    return Number(row!.sub_district_id);
  }
  const PERMISSION_TEST_SESSION_KEY = Buffer.alloc(16, 42).toString('base64');
  let personaSessions = false;
  const topicBody = (t: Target) => ({
    communityId: ids[t].community,
    title: '楼道灯不亮',
    description: '三单元楼道的灯坏了一个多月了，晚上很黑。',
    category: '其他',
    scope: 'community',
  });

  const CALLS: Record<string, (target: Target, persona?: Persona) => Promise<Call>> = {
    ...projectCalls({
      ds,
      storage: () => server.services.storage,
      ownCommunity: () => ids.own.community,
      freshMember,
    }),
    submitTopic: async (t) => ({ method: 'post', url: '/api/topics', body: topicBody(t) }),
    getTopic: async (t) => ({ method: 'get', url: `/api/topics/${await freshTopic(t, 'submitted')}` }),
    resubmitTopic: async (t) => {
      const { communityId: _c, ...draft } = topicBody(t);
      return { method: 'post', url: `/api/topics/${await freshTopic(t, 'returned')}/resubmit`, body: draft };
    },
    returnTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/return`,
      body: { question: '请补充具体位置' },
    }),
    rejectTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/reject`,
      body: { reason: '不属于公共事务' },
    }),
    mergeTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/merge`,
      body: { intoTopicId: await freshTopic(t, 'submitted') },
    }),
    acceptTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/accept`,
      body: {},
    }),
    routeTopic: async (t) => {
      const party = await ds()
        .getRepository(Party)
        .findOneOrFail({ where: { communityId: ids[t].community, kind: 'committee' } });
      return {
        method: 'post',
        url: `/api/topics/${await freshTopic(t, 'accepted')}/route`,
        body: { category: '其他', level: 'community', partyId: party.id },
      };
    },
    sendBackTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'routed', t === 'own' ? 'property_company' : 'committee')}/send-back`,
      body: { reason: '不属于物业服务范围' },
    }),
    takeOnTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'routed', t === 'own' ? 'property_company' : 'committee')}/take-on`,
      body: { dueDate: '2099-01-01' },
    }),
    escalateTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'routed', t === 'own' ? 'property_company' : 'committee')}/escalate`,
      body: { reason: '需要街道协调' },
      alsoAllowed: [409],
    }),
    answerTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'routed', t === 'own' ? 'property_company' : 'committee')}/answer`,
      body: { text: '已安排人员查看' },
    }),
    bulkActOnTopics: async (t) => ({
      method: 'post',
      url: '/api/topics/bulk',
      body: { topicIds: [await freshTopic(t, 'submitted'), await freshTopic(t, 'submitted')], action: 'accept' },
    }),
    cosignTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/cosign`,
      body: {},
    }),
    followTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/follow`,
      body: {},
    }),
    unfollowTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/unfollow`,
      body: {},
    }),
    getCommunitySettings: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/settings` }),
    updateCommunitySettings: async (t) => ({
      method: 'patch',
      url: `/api/communities/${ids[t].community}/settings`,
      body: { cosignDays: 7 },
    }),
    listTopicComments: async (t) => ({
      method: 'get',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/comments`,
    }),
    postTopicComment: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'submitted')}/comments`,
      body: { body: '支持尽快处理' },
    }),
    reportComment: async (t) => ({
      method: 'post',
      url: `/api/comments/${await freshComment(t)}/report`,
      body: { reason: '广告' },
    }),
    hideComment: async (t) => ({
      method: 'post',
      url: `/api/comments/${await freshComment(t)}/hide`,
      body: { reason: '人身攻击' },
    }),
    releaseComment: async (t) => ({
      method: 'post',
      url: `/api/comments/${await freshComment(t, true)}/release`,
      body: {},
    }),
    listCommentsForModeration: async (t) => ({
      method: 'get',
      url: `/api/communities/${ids[t].community}/comments/moderation`,
    }),
    getSignedMedia: async (t) => ({
      method: 'get',
      url: `/api/media/${signMediaToken(server.config, (await freshTopicPhoto(t)).uploadId)}`,
    }),
    receiveWechatEvent: async () => ({ method: 'post', url: '/api/wechat/events', body: {} }),
    verifyWechatPushUrl: async () => ({ method: 'get', url: '/api/wechat/events?echostr=1234567' }),
    listTopicPhotos: async (t) => ({ method: 'get', url: `/api/topics/${await freshTopic(t, 'submitted')}/photos` }),
    releaseTopicPhoto: async (t) => {
      const p = await freshTopicPhoto(t);
      return { method: 'post', url: `/api/topics/${p.topicId}/photos/${p.uploadId}/release`, body: {} };
    },
    hideTopicPhoto: async (t) => {
      const p = await freshTopicPhoto(t);
      return { method: 'post', url: `/api/topics/${p.topicId}/photos/${p.uploadId}/hide`, body: {} };
    },
    releaseTopicContent: async (t) => ({
      method: 'post',
      url: `/api/topics/${await heldTopic(t)}/release-content`,
      body: {},
    }),
    enterGroupChat: async (t) => {
      if (!personaSessions) {
        // Personas sign in without WeChat: give them a known session key once.
        for (const user of await ds()
          .getRepository(User)
          .find({ where: { status: 'active' } })) {
          if (user.personaKey) {
            await ds()
              .getRepository(WechatSession)
              .upsert({ userId: user.id, sessionKey: PERMISSION_TEST_SESSION_KEY }, ['userId']);
          }
        }
        personaSessions = true;
      }
      const sealed = encryptWechatData(PERMISSION_TEST_SESSION_KEY, {
        opengid: `tGpermissions${freshCounter++}`,
        watermark: { appid: server.services.wechat.appid, timestamp: Math.floor(Date.now() / 1000) },
      });
      return { method: 'post', url: '/api/groups/enter', body: { communityId: ids[t].community, ...sealed } };
    },
    listGroupChats: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/groups` }),
    updateGroupChat: async (t) => {
      const group = await ds()
        .getRepository(GroupChat)
        .save({ communityId: ids[t].community, openGid: `tGperm${freshCounter++}` });
      return { method: 'patch', url: `/api/groups/${group.id}`, body: { name: '一号楼邻里群' } };
    },
    listTopicGroups: async (t) => ({ method: 'get', url: `/api/topics/${await freshTopic(t, 'accepted')}/groups` }),
    listCommunityTopics: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/topics` }),
    findSimilarTopics: async (t) => ({
      method: 'get',
      url: `/api/communities/${ids[t].community}/topics/similar?title=${encodeURIComponent('楼道灯不亮')}`,
    }),
    listMyTopics: async () => ({ method: 'get', url: '/api/me/topics' }),
    listMyQueue: async () => ({ method: 'get', url: '/api/me/queue' }),
    listPartyQueue: async (t) => {
      const party = await ds()
        .getRepository(Party)
        .findOneOrFail({
          where: { communityId: ids[t].community, kind: t === 'own' ? 'property_company' : 'committee' },
        });
      return { method: 'get', url: `/api/parties/${party.id}/topics` };
    },
    listModeratorInbox: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/inbox` }),
    listEscalatedTopics: async (t) => {
      // Both demo communities share 长青街道, so "other" is a fresh sub-district.
      const [row] = (await ds().query('SELECT sub_district_id FROM community WHERE id = ?', [ids[t].community])) as {
        sub_district_id: number;
      }[];
      const id =
        t === 'own'
          ? Number(row!.sub_district_id)
          : (
              await ds()
                .getRepository(SubDistrict)
                .save({ name: '测试街道', code: `SD-T-${freshCounter++}` })
            ).id;
      return { method: 'get', url: `/api/sub-districts/${id}/escalated` };
    },
    createVote: async (t) => ({
      method: 'post',
      url: '/api/votes',
      body: {
        communityId: ids[t].community,
        title: '是否同意增设快递柜',
        electorate: 'households',
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      alsoAllowed: [],
    }),
    listVotes: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/votes` }),
    getVote: async (t) => ({ method: 'get', url: `/api/votes/${await freshVote(t)}` }),
    castBallot: async (t) => ({
      method: 'post',
      url: `/api/votes/${await freshVote(t)}/ballots`,
      body: { choice: 'yes' },
    }),
    closeVote: async (t) => ({ method: 'post', url: `/api/votes/${await freshVote(t)}/close`, body: {} }),
    getVoteRecord: async () => ({ method: 'get', url: `/api/votes/${(await closedVote()).id}/record` }),
    findReceipt: async () => {
      const v = await closedVote();
      return { method: 'get', url: `/api/votes/${v.id}/receipt?code=${v.receiptCode}` };
    },
    searchVoteElectors: async (t) => ({ method: 'get', url: `/api/votes/${await freshVote(t)}/electors?q=` }),
    recordPaperBallot: async (t) => {
      const voteId = await freshVote(t);
      return {
        method: 'post',
        url: `/api/votes/${voteId}/paper-ballots`,
        body: { voterKey: await personaVoterKey(voteId), choice: 'yes' },
      };
    },
    listPaperBallots: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/paper-ballots` }),
    confirmPaperBallot: async (t) => ({
      method: 'post',
      url: `/api/paper-ballots/${await pendingPaperBallot(t)}/confirm`,
      body: {},
    }),
    rejectPaperBallot: async (t) => ({
      method: 'post',
      url: `/api/paper-ballots/${await pendingPaperBallot(t)}/reject`,
      body: { reason: '字迹无法辨认' },
    }),
    authorizeProxy: async (t, persona) => ({
      method: 'post',
      url: `/api/votes/${await freshVote(t)}/proxies`,
      body: { ...(await verifiedProxy()), uploadId: await proxyUpload(persona) },
    }),
    revokeProxy: async (t) => ({ method: 'post', url: `/api/vote-proxies/${await freshProxy(t)}/revoke`, body: {} }),
    listVoteProxies: async (t) => ({ method: 'get', url: `/api/votes/${await freshVote(t)}/proxies` }),
    getProxyAuthorization: async (t) => ({
      method: 'get',
      url: `/api/vote-proxies/${await freshProxy(t)}/authorization`,
    }),
    listCouncils: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/councils` }),
    createCouncil: async (t) => ({
      method: 'post',
      url: `/api/communities/${ids[t].community}/councils`,
      body: { name: '测试议事会' },
    }),
    appointSeat: async (t) => {
      const council = await ds()
        .getRepository(Council)
        .save({ communityId: ids[t].community, estateId: null, name: '测试议事会' });
      return {
        method: 'post',
        url: `/api/councils/${council.id}/seats`,
        body: { userId: await freshMember(t), party: 'resident_unit', termStart: '2026-01-01', termEnd: '2027-12-31' },
      };
    },
    endSeat: async (t) => {
      const council = await ds()
        .getRepository(Council)
        .save({ communityId: ids[t].community, estateId: null, name: '测试议事会' });
      const seat = await ds()
        .getRepository(Seat)
        .save({
          councilId: council.id,
          userId: await freshMember(t),
          party: 'resident_unit',
          organisation: null,
          termStart: '2026-01-01',
          termEnd: '2027-12-31',
          appointedBy: 1,
          endedAt: null,
        });
      return { method: 'post', url: `/api/seats/${seat.id}/end`, body: {} };
    },
    scheduleMeeting: async (t) => {
      const council = await ds()
        .getRepository(Council)
        .save({ communityId: ids[t].community, estateId: null, name: '测试议事会' });
      await ds()
        .getRepository(Seat)
        .save({
          councilId: council.id,
          userId: await freshMember(t),
          party: 'resident_unit',
          organisation: null,
          termStart: '2020-01-01',
          termEnd: '2099-12-31',
          appointedBy: 1,
          endedAt: null,
        });
      return {
        method: 'post',
        url: '/api/meetings',
        body: {
          title: '测试协商议事会',
          councilId: council.id,
          startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
          place: '社区会议室',
          mode: 'offline',
          agenda: [{ topicId: await freshTopic(t, 'accepted'), minutes: 20 }],
        },
      };
    },
    getMeeting: async (t) => ({ method: 'get', url: `/api/meetings/${(await freshMeeting(t, 'announced')).id}` }),
    announceMeeting: async (t) => ({
      method: 'post',
      url: `/api/meetings/${(await freshMeeting(t, 'planned')).id}/announce`,
      body: {},
    }),
    checkInToMeeting: async (t) => ({
      method: 'post',
      url: `/api/meetings/${(await freshMeeting(t, 'announced')).id}/check-in`,
      body: { code: 'ABCDEF' },
    }),
    rollCall: async (t) => {
      const meeting = await freshMeeting(t, 'announced');
      const invitee = await ds()
        .getRepository(MeetingInvitee)
        .findOneOrFail({ where: { meetingId: meeting.id } });
      return { method: 'post', url: `/api/meetings/${meeting.id}/roll-call`, body: { userId: invitee.userId } };
    },
    browseMeetings: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/meetings/browse` }),
    listMeetingInvitees: async (t) => ({
      method: 'get',
      url: `/api/meetings/${(await freshMeeting(t, 'announced')).id}/invitees`,
    }),
    listAgendaCandidates: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/agenda-topics` }),
    getCheckInQr: async (t) => ({
      method: 'get',
      url: `/api/meetings/${(await freshMeeting(t, 'announced')).id}/check-in-qr`,
    }),
    cancelMeeting: async (t) => ({
      method: 'post',
      url: `/api/meetings/${(await freshMeeting(t, 'planned')).id}/cancel`,
      body: { reason: '场地冲突' },
    }),
    startMeeting: async (t) => ({
      method: 'post',
      url: `/api/meetings/${(await freshSession(t, { status: 'announced' })).meeting.id}/start`,
      body: {},
    }),
    openAgendaItem: async (t) => {
      const s = await freshSession(t);
      return { method: 'post', url: `/api/meetings/${s.meeting.id}/items/${s.itemId}/open`, body: {} };
    },
    decideAgendaItem: async (t) => {
      const s = await freshSession(t, { open: true });
      return {
        method: 'post',
        url: `/api/meetings/${s.meeting.id}/items/${s.itemId}/decide`,
        body: { outcome: 'no_decision', resolution: '下次再议' },
      };
    },
    requestFloor: async (t) => ({
      method: 'post',
      url: `/api/meetings/${(await freshSession(t, { open: true })).meeting.id}/floor-requests`,
      body: {},
    }),
    addSpeaker: async (t) => {
      const s = await freshSession(t, { open: true });
      return { method: 'post', url: `/api/meetings/${s.meeting.id}/speakers`, body: { userId: s.speakerUserId } };
    },
    grantFloor: async (t) => {
      const s = await freshSession(t, { open: true, speaker: 'waiting' });
      return { method: 'post', url: `/api/meetings/${s.meeting.id}/speakers/${s.speakerId}/grant`, body: {} };
    },
    endSpeech: async (t) => {
      const s = await freshSession(t, { open: true, speaker: 'speaking' });
      return { method: 'post', url: `/api/meetings/${s.meeting.id}/speakers/${s.speakerId}/end`, body: {} };
    },
    withdrawSpeaker: async (t) => {
      const s = await freshSession(t, { open: true, speaker: 'waiting' });
      return { method: 'post', url: `/api/meetings/${s.meeting.id}/speakers/${s.speakerId}/withdraw`, body: {} };
    },
    closeMeeting: async (t) => ({
      method: 'post',
      url: `/api/meetings/${(await freshSession(t)).meeting.id}/close`,
      body: {},
      // Closing unschedules the never-opened item's topic: a fresh, scheduled one each time.
    }),
    getLiveState: async (t) => ({ method: 'get', url: `/api/meetings/${(await freshSession(t)).meeting.id}/live` }),
    getMinutes: async (t) => {
      const s = await freshSession(t, { status: 'minutes_published', minutes: true });
      await ds().getRepository(MeetingMinutes).update({ meetingId: s.meeting.id }, { publishedAt: new Date() });
      return { method: 'get', url: `/api/meetings/${s.meeting.id}/minutes` };
    },
    editMinutes: async (t) => ({
      method: 'patch',
      url: `/api/meetings/${(await freshSession(t, { status: 'closed', minutes: true })).meeting.id}/minutes`,
      body: { text: '修改后的会议纪要，补充了会议的结论和后续安排。', revision: 1 },
    }),
    publishMinutes: async (t) => ({
      method: 'post',
      url: `/api/meetings/${(await freshSession(t, { status: 'closed', minutes: true })).meeting.id}/minutes/publish`,
      body: {},
    }),
    listSubscriptionTemplates: async () => ({ method: 'get', url: '/api/subscriptions/templates' }),
    recordSubscriptionGrants: async () => ({
      method: 'post',
      url: '/api/me/subscriptions',
      body: { templateKey: 'topic_status', accepted: 1 },
    }),
    listParties: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/parties` }),
    getHealth: async () => ({ method: 'get', url: '/api/health' }),
    getReadiness: async () => ({ method: 'get', url: '/api/ready' }),
    getOpenApiDocument: async () => ({ method: 'get', url: '/api/openapi.json' }),
    listDevPersonas: async () => ({ method: 'get', url: '/api/auth/dev-personas' }),
    devLogin: async () => ({ method: 'post', url: '/api/auth/dev-login', body: { persona: 'resident' } }),
    wechatLogin: async () => ({
      method: 'post',
      url: '/api/auth/wechat',
      body: { code: devLoginCode(`p${freshCounter++}`) },
    }),
    getMe: async () => ({ method: 'get', url: '/api/me' }),
    updateMe: async () => ({ method: 'patch', url: '/api/me', body: { largeText: false } }),
    acceptPrivacy: async () => ({ method: 'post', url: '/api/me/privacy', body: { version: '1' } }),
    exportMyData: async () => ({ method: 'get', url: '/api/me/export' }),
    deleteMyAccount: async () => ({ method: 'post', url: '/api/me/delete', body: { confirm: '注销' } }),
    redeemInvite: async () => ({
      method: 'post',
      url: '/api/auth/redeem-invite',
      body: { code: 'ZZZZ-ZZZZ' },
      alsoAllowed: [400],
    }),
    listCommunities: async () => ({ method: 'get', url: '/api/communities' }),
    listBuildings: async (t) => ({ method: 'get', url: `/api/estates/${ids[t].estate}/buildings` }),
    listUnits: async (t) => ({ method: 'get', url: `/api/buildings/${ids[t].building}/units` }),
    joinCommunity: async (t) => ({ method: 'post', url: `/api/communities/${ids[t].community}/join`, body: {} }),
    claimUnit: async (t) => ({
      method: 'post',
      url: '/api/claims',
      body: { unitId: await freshUnit(t), relation: 'tenant', name: '测试租户' },
    }),
    withdrawClaim: async (t) => ({ method: 'post', url: `/api/claims/${await pendingClaim(t)}/withdraw`, body: {} }),
    listClaimsForModeration: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/claims` }),
    approveClaim: async (t) => ({ method: 'post', url: `/api/claims/${await pendingClaim(t)}/approve`, body: {} }),
    rejectClaim: async (t) => ({
      method: 'post',
      url: `/api/claims/${await pendingClaim(t)}/reject`,
      body: { reason: '材料不清晰' },
    }),
    listMembers: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/members` }),
    suspendMember: async (t) => ({
      method: 'post',
      url: `/api/communities/${ids[t].community}/members/${await freshMember(t)}/suspend`,
      body: { reason: '发布广告' },
    }),
    restoreMember: async (t) => ({
      method: 'post',
      url: `/api/communities/${ids[t].community}/members/${await freshMember(t, 'suspended')}/restore`,
      body: {},
    }),
    grantRole: async (t) => ({
      method: 'post',
      url: `/api/communities/${ids[t].community}/roles`,
      body: { userId: await freshMember(t), role: 'grid_worker' },
    }),
    revokeRole: async (t) => {
      const grant = await ds()
        .getRepository(RoleGrant)
        .save({ userId: await freshMember(t), role: 'grid_worker', scopeType: 'community', scopeId: ids[t].community });
      return { method: 'post', url: `/api/roles/${grant.id}/revoke`, body: {} };
    },
    importRoster: async (t) => ({
      method: 'post',
      url: `/api/communities/${ids[t].community}/roster`,
      multipart: {
        fields: { mode: 'validate' },
        file: Buffer.from('小区,楼栋,房号,建筑面积\n甲,1号楼,101,50\n'),
        filename: 'r.csv',
      },
    }),
    listNotifications: async () => ({ method: 'get', url: '/api/notifications' }),
    markNotificationRead: async (t) => {
      const n = await ds()
        .getRepository(Notification)
        .save({ userId: await freshMember(t), kind: 'test', title: '测试', body: '测试', link: null });
      return { method: 'post', url: `/api/notifications/${n.id}/read`, body: {} };
    },
    markAllNotificationsRead: async () => ({ method: 'post', url: '/api/notifications/read-all', body: {} }),
    uploadPhoto: async () => ({
      method: 'post',
      url: '/api/uploads',
      multipart: { fields: { purpose: 'claim_evidence' }, file: PNG, filename: 'p.png' },
    }),
    getUpload: async (t) => ({ method: 'get', url: `/api/uploads/${await evidence(t)}` }),
    // Outcomes.
    recordResolution: async (t) => ({
      method: 'post',
      url: `/api/topics/${await freshTopic(t, 'routed')}/resolution`,
      body: { text: '同意增设充电桩' },
    }),
    publishResolution: async (t) => ({
      method: 'post',
      url: `/api/topics/${await decidedTopic(t)}/publicity`,
      body: {},
    }),
    listBoard: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/board` }),
    getBoardEntry: async (t) => ({ method: 'get', url: `/api/board/topics/${await decidedTopic(t, 'publicity')}` }),
    getBoardPhoto: async (t) => {
      const { topicId, implementationId } = await implementedTopic(t);
      const update = await ds().getRepository(ProgressUpdate).save({
        topicId,
        implementationId,
        communityId: ids[t].community,
        kind: 'progress',
        authorId: 1,
        authorRole: 'moderator',
        body: '进展',
      });
      const key = `progress-photo/test/${Date.now()}-${freshCounter++}.png`;
      await server.services.storage.put(key, PNG, 'image/png');
      const upload = await ds().getRepository(Upload).save({
        ownerUserId: 1,
        purpose: 'progress_photo',
        storageKey: key,
        contentType: 'image/png',
        sizeBytes: PNG.length,
        sha256: 'x',
      });
      await ds()
        .getRepository(OutcomePhoto)
        .insert({ uploadId: upload.id, ownerType: 'progress', ownerId: update.id, topicId, position: 0 });
      return { method: 'get', url: `/api/board/photos/${upload.id}` };
    },
    fileObjection: async (t) => ({
      method: 'post',
      url: `/api/topics/${await decidedTopic(t, 'publicity')}/objections`,
      body: { text: '选址离住宅楼太近' },
    }),
    listObjectionsForModeration: async (t) => ({
      method: 'get',
      url: `/api/communities/${ids[t].community}/objections`,
    }),
    answerObjection: async (t) => {
      const topicId = await decidedTopic(t, 'publicity');
      const round = await ds().getRepository(Publicity).findOneByOrFail({ topicId });
      const userId = await freshMember(t);
      const objection = await ds()
        .getRepository(Objection)
        .save({
          topicId,
          publicityId: round.id,
          communityId: ids[t].community,
          userId,
          body: '选址离住宅楼太近',
          held: false,
          status: 'pending',
          reply: null,
          answeredBy: null,
          answeredAt: null,
          openKey: `${topicId}:${userId}`,
        });
      return {
        method: 'post',
        url: `/api/objections/${objection.id}/answer`,
        body: { decision: 'dismissed', reply: '选址符合消防规范' },
      };
    },
    assignImplementation: async (t) => {
      const topicId = await decidedTopic(t);
      await ds().getRepository(Topic).update({ id: topicId }, { status: 'implementation' });
      const party = await ds()
        .getRepository(Party)
        .findOneOrFail({ where: { communityId: ids[t].community, kind: 'committee' } });
      return {
        method: 'post',
        url: `/api/topics/${topicId}/implementation`,
        body: { partyId: party.id, personUserId: await freshMember(t), dueDate: '2099-01-01' },
      };
    },
    addMilestone: async (t) => ({
      method: 'post',
      url: `/api/topics/${(await implementedTopic(t)).topicId}/milestones`,
      body: { title: '安装调试', dueDate: '2099-01-01' },
    }),
    completeMilestone: async (t) => ({
      method: 'post',
      url: `/api/milestones/${(await implementedTopic(t)).milestoneId}/done`,
      body: {},
    }),
    postProgress: async (t) => ({
      method: 'post',
      url: `/api/topics/${(await implementedTopic(t)).topicId}/progress`,
      body: { text: '设备已到货' },
    }),
    reportCompletion: async (t) => ({
      method: 'post',
      url: `/api/topics/${(await implementedTopic(t)).topicId}/completion`,
      body: { text: '已全部安装完成' },
    }),
    evaluateTopic: async (t) => ({
      method: 'post',
      url: `/api/topics/${(await implementedTopic(t, 'completed')).topicId}/evaluations`,
      body: { score: 5 },
    }),
    listCommunityOverdue: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/overdue` }),
    listSubDistrictOverdue: async (t) => ({
      method: 'get',
      url: `/api/sub-districts/${await subDistrictId(t)}/overdue`,
    }),
    getOutcomeSettings: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/outcome-settings` }),
    updateOutcomeSettings: async (t) => ({
      method: 'patch',
      url: `/api/communities/${ids[t].community}/outcome-settings`,
      body: { evaluationDays: 14 },
    }),
    listCommunityAudit: async (t) => ({ method: 'get', url: `/api/communities/${ids[t].community}/audit` }),
    exportCommunityAudit: async (t) => ({
      method: 'get',
      url: `/api/communities/${ids[t].community}/audit/export?format=csv`,
    }),
    listSubDistrictAudit: async (t) => ({ method: 'get', url: `/api/sub-districts/${await subDistrictId(t)}/audit` }),
    exportSubDistrictAudit: async (t) => ({
      method: 'get',
      url: `/api/sub-districts/${await subDistrictId(t)}/audit/export`,
    }),
    // Ledgers and statistics ("other": a community of a fresh sub-district, since both demo communities share one).
    listStatsScopes: async () => ({ method: 'get', url: '/api/me/stats-scopes' }),
    getCommunityStats: async (t) => ({ method: 'get', url: `/api/communities/${await reportingCommunity(t)}/stats` }),
    getSubDistrictStats: async (t) => ({
      method: 'get',
      url: `/api/sub-districts/${await reportingSubDistrict(t)}/stats`,
    }),
    getCommunityLedger: async (t) => ({ method: 'get', url: `/api/communities/${await reportingCommunity(t)}/ledger` }),
    exportCommunityLedger: async (t) => ({
      method: 'get',
      url: `/api/communities/${await reportingCommunity(t)}/ledger/export`,
    }),
    getSubDistrictLedger: async (t) => ({
      method: 'get',
      url: `/api/sub-districts/${await reportingSubDistrict(t)}/ledger`,
    }),
    exportSubDistrictLedger: async (t) => ({
      method: 'get',
      url: `/api/sub-districts/${await reportingSubDistrict(t)}/ledger/export`,
    }),
    getMeetingPrint: async (t) => {
      const meeting = await freshMeeting('own', 'announced');
      if (t === 'other')
        await ds()
          .getRepository(Meeting)
          .update({ id: meeting.id }, { communityId: await reportingCommunity(t) });
      return { method: 'get', url: `/api/meetings/${meeting.id}/print` };
    },
  };

  async function send(call: Call, token: string | undefined) {
    let req = request(server.callback)[call.method](call.url);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (call.multipart) {
      for (const [k, v] of Object.entries(call.multipart.fields)) req = req.field(k, v);
      return req.attach('file', call.multipart.file, call.multipart.filename);
    }
    return call.body ? req.send(call.body) : req;
  }

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    for (const [target, name] of [
      ['own', '和平里社区'],
      ['other', '青石桥社区'],
    ] as const) {
      const community = await communityIdOf(server, name);
      const estate = (
        (await ds().query('SELECT id FROM estate WHERE community_id = ? ORDER BY id LIMIT 1', [community])) as {
          id: number;
        }[]
      )[0]!.id;
      const building = (
        (await ds().query('SELECT id FROM building WHERE estate_id = ? ORDER BY id LIMIT 1', [estate])) as {
          id: number;
        }[]
      )[0]!.id;
      ids[target] = { community: Number(community), estate: Number(estate), building: Number(building) };
    }
    for (const persona of PERSONAS) {
      const token = await personaToken(server, persona);
      await request(server.callback)
        .post('/api/me/privacy')
        .set('Authorization', `Bearer ${token}`)
        .send({ version: '1' });
      // Every persona is a member of the own community (the sub-district admin too), whatever order the rows run in.
      await request(server.callback)
        .post(`/api/communities/${ids.own.community}/join`)
        .set('Authorization', `Bearer ${token}`)
        .send({});
      tokens.set(persona, token);
    }
  });
  afterAll(async () => server.close());

  test('the table covers every operation of the API', async () => {
    const doc = await request(server.callback).get('/api/openapi.json');
    const operationIds = Object.values(
      doc.body.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((p) => Object.values(p).map((op) => op.operationId));
    expect(operationIds.sort()).toEqual(Object.keys(PERMISSIONS).sort());
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  const rows = Object.entries(PERMISSIONS).filter(([op]) => op !== 'deleteMyAccount');
  test.each(rows)('%s matches the table', async (operationId, permission) => {
    const build = CALLS[operationId]!;
    const allowed = (persona: Persona | undefined) =>
      permission.allow === 'anyone' ||
      (persona !== undefined && (permission.allow === 'signed_in' || permission.allow.includes(persona)));
    const verdicts: string[] = [];
    for (const persona of [undefined, ...PERSONAS]) {
      const targets: Target[] = permission.otherCommunity === 'denied' ? ['own', 'other'] : ['own'];
      for (const target of targets) {
        const call = await build(target, persona);
        const before = allowed(persona) && target === 'own' ? undefined : await tableCounts(ds());
        const res = await send(call, persona ? tokens.get(persona) : undefined);
        const expectAllowed = allowed(persona) && target === 'own';
        const ok = expectAllowed
          ? (res.status >= 200 && res.status < 300) || (call.alsoAllowed ?? []).includes(res.status)
          : persona === undefined
            ? res.status === 401
            : res.status === 403 || res.status === 404;
        if (!ok)
          verdicts.push(
            `${persona ?? 'anonymous'} on ${target}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`,
          );
        if (
          before &&
          ['post', 'patch'].includes(call.method) &&
          !operationId.startsWith('dev') &&
          operationId !== 'wechatLogin'
        ) {
          const after = await tableCounts(ds());
          if (JSON.stringify(after) !== JSON.stringify(before))
            verdicts.push(`${persona ?? 'anonymous'} on ${target}: refused but rows changed`);
        }
      }
    }
    expect(verdicts).toEqual([]);
  });

  test('deleteMyAccount: anonymous is refused; a user deletes only themselves', async () => {
    expect((await send(await CALLS.deleteMyAccount!('own'), undefined)).status).toBe(401);
    const login = await request(server.callback)
      .post('/api/auth/wechat')
      .send({ code: devLoginCode('leaving') });
    expect((await send(await CALLS.deleteMyAccount!('own'), login.body.token)).status).toBe(204);
    expect(
      (
        await request(server.callback)
          .get('/api/me')
          .set('Authorization', `Bearer ${tokens.get('moderator')}`)
      ).status,
    ).toBe(200);
  });

  test('the claimant withdraws their own claim; the uploader reads their own photo', async () => {
    const claim = await request(server.callback)
      .post('/api/claims')
      .set('Authorization', `Bearer ${tokens.get('newcomer')}`)
      .send({ unitId: await freshUnit('own'), relation: 'family', name: '周子涵' });
    expect(claim.status).toBe(201);
    const withdrawn = await request(server.callback)
      .post(`/api/claims/${claim.body.id}/withdraw`)
      .set('Authorization', `Bearer ${tokens.get('newcomer')}`)
      .send({});
    expect(withdrawn.body.status).toBe('withdrawn');
    const upload = await send(await CALLS.uploadPhoto!('own'), tokens.get('resident'));
    const read = await request(server.callback)
      .get(`/api/uploads/${upload.body.id}`)
      .set('Authorization', `Bearer ${tokens.get('resident')}`);
    expect(read.status).toBe(200);
  });

  test('mass assignment of status, role or author is refused and changes nothing', async () => {
    const before = await tableCounts(ds());
    const attempts: Call[] = [
      {
        method: 'post',
        url: '/api/claims',
        body: { unitId: 1, relation: 'owner', name: '周子涵', status: 'approved' },
      },
      {
        method: 'post',
        url: '/api/claims',
        body: { unitId: 1, relation: 'owner', name: '周子涵', userId: 1, rosterMatched: true },
      },
      { method: 'patch', url: '/api/me', body: { role: 'moderator' } },
      { method: 'patch', url: '/api/me', body: { status: 'active', tokenVersion: 0 } },
      { method: 'post', url: `/api/communities/${ids.own.community}/join`, body: { role: 'moderator' } },
    ];
    for (const call of attempts) {
      const res = await send(call, tokens.get('newcomer'));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const moderatorGrant = await send(
      {
        method: 'post',
        url: `/api/communities/${ids.own.community}/roles`,
        body: { userId: 1, role: 'subdistrict_admin' },
      },
      tokens.get('moderator'),
    );
    expect(moderatorGrant.status).toBe(400);
    expect(await tableCounts(ds())).toEqual(before);
  });
});
