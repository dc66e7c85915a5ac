import type { EntityManager } from 'typeorm';
import type { DecideItemBody } from '../../../shared/src/meetings/live.schema';
import { startRefusal } from '../../../shared/src/meetings/session';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { AppError, fieldError } from '../http/app-error';
import { notify } from '../notifications/notifications.service';
import { moveTopic } from '../topics/topic-lifecycle';
import { Topic } from '../topics/topics.entity';
import { Vote } from '../votes/votes.entity';
import { AgendaDecision, AgendaItem, Attendance, Meeting, MeetingInvitee, MeetingSpeaker } from './meetings.entity';
import { inMeeting, type MeetingDeps, type MeetingWork } from './meetings.lifecycle';
import { draftMinutesOf } from './meetings.minutes';

/**
 * The live session (DESIGN.md §3.2): the moderator starts the meeting, opens
 * agenda items one at a time, runs the list of speakers, records each item's
 * conclusion and closes the meeting. Every use case runs in `inMeeting` (one
 * transaction, the lifecycle table, the live version bumped, events after commit)
 * and writes an audit entry.
 */

const meetingAudit = (w: MeetingWork, actor: Actor, action: string, summary: string, data?: Record<string, unknown>) =>
  audit(w.em, {
    communityId: w.meeting.communityId,
    actor,
    action: `meeting.${action}`,
    objectType: 'meeting',
    objectId: w.meeting.id,
    summary,
    data,
  });

async function currentItemOf(em: EntityManager, meeting: Meeting): Promise<AgendaItem> {
  const item = meeting.currentItemId ? await em.findOne(AgendaItem, { where: { id: meeting.currentItemId } }) : null;
  if (!item) throw new AppError('ILLEGAL_TRANSITION', { message: '现在没有正在讨论的议题，请先开始一个议题' });
  return item;
}

async function topicTitle(em: EntityManager, topicId: number): Promise<string> {
  return (await em.findOne(Topic, { where: { id: topicId } }))?.title ?? `议题 #${topicId}`;
}

/**
 * Starts an announced meeting on its day (from two hours before its time, see
 * startRefusal); invitees not yet checked in are reminded.
 * Errors: FORBIDDEN, ILLEGAL_TRANSITION (not announced, too early, day passed).
 */
export async function startMeeting(deps: MeetingDeps, actor: Actor, id: number): Promise<void> {
  await inMeeting(deps, actor, id, 'start', 'moderator', async (w) => {
    const refusal = startRefusal(w.meeting.startsAt);
    if (refusal) throw new AppError('ILLEGAL_TRANSITION', { message: refusal });
    await w.em
      .createQueryBuilder()
      .update(Meeting)
      .set({ status: 'in_session', startedAt: new Date() })
      .where('id = :id', { id })
      .execute();
    const present = new Set((await w.em.find(Attendance, { where: { meetingId: id } })).map((a) => a.userId));
    for (const invitee of await w.em.find(MeetingInvitee, { where: { meetingId: id } })) {
      if (present.has(invitee.userId)) continue;
      await notify(w.em, invitee.userId, {
        kind: 'meeting_started',
        title: '会议已开始',
        body: `「${w.meeting.title}」已经开始，请尽快到场并签到。`,
        link: `/pages/meetings/live?id=${id}`,
      });
    }
    await meetingAudit(w, actor, 'start', `开始会议「${w.meeting.title}」`);
  });
}

/**
 * Opens an agenda item for discussion; only one at a time, each once.
 * Errors: FORBIDDEN, NOT_FOUND (not this meeting's item), ILLEGAL_TRANSITION.
 */
export async function openAgendaItem(deps: MeetingDeps, actor: Actor, id: number, itemId: number): Promise<void> {
  await inMeeting(deps, actor, id, 'openItem', 'moderator', async (w) => {
    const item = await w.em.findOne(AgendaItem, { where: { id: itemId, meetingId: id } });
    if (!item) throw new AppError('NOT_FOUND', { message: '本次会议的议程中没有这一项' });
    if (w.meeting.currentItemId !== null) {
      const current = await currentItemOf(w.em, w.meeting);
      throw new AppError('ILLEGAL_TRANSITION', {
        message: `请先记录正在讨论的「${await topicTitle(w.em, current.topicId)}」的结论，再开始下一个议题`,
      });
    }
    const title = await topicTitle(w.em, item.topicId);
    if (item.status !== 'pending') {
      throw new AppError('ILLEGAL_TRANSITION', { message: `议题「${title}」已经讨论过，不能再次开始` });
    }
    await w.em.update(AgendaItem, { id: item.id }, { status: 'open', openedAt: new Date() });
    await w.em.createQueryBuilder().update(Meeting).set({ currentItemId: item.id }).where('id = :id', { id }).execute();
    await meetingAudit(w, actor, 'openItem', `开始讨论第 ${item.position} 项「${title}」`, { agendaItemId: item.id });
  });
}

async function insertSpeaker(w: MeetingWork, item: AgendaItem, userId: number, addedBy: number | null) {
  const activeKey = `${item.id}:${userId}`;
  if (await w.em.exists(MeetingSpeaker, { where: { activeKey } })) {
    throw new AppError('CONFLICT', {
      message: addedBy ? '这位参会人员已在发言名单中' : '您已在发言名单中，请等候主持人安排',
    });
  }
  try {
    return await w.em.save(
      w.em.create(MeetingSpeaker, {
        meetingId: w.meeting.id,
        agendaItemId: item.id,
        userId,
        status: 'waiting',
        addedBy,
        activeKey,
        speakingKey: null,
        seconds: null,
        startedAt: null,
        endedAt: null,
      }),
    );
  } catch (error) {
    throw new AppError('CONFLICT', { message: '已在发言名单中', cause: error });
  }
}

/** A checked-in participant asks for the floor on the current item. Errors: FORBIDDEN (not checked in), ILLEGAL_TRANSITION, CONFLICT (already listed). */
export async function requestFloor(deps: MeetingDeps, actor: Actor, id: number): Promise<number> {
  return inMeeting(deps, actor, id, 'requestFloor', 'participant', async (w) => {
    const item = await currentItemOf(w.em, w.meeting);
    const speaker = await insertSpeaker(w, item, actor.userId, null);
    await audit(w.em, {
      communityId: w.meeting.communityId,
      actor,
      actorRole: 'participant',
      action: 'meeting.requestFloor',
      objectType: 'meeting',
      objectId: id,
      summary: `申请发言（第 ${item.position} 项）`,
      data: { speakerId: speaker.id },
    });
    return speaker.id;
  });
}

/** The moderator puts a checked-in participant on the list. Errors: FORBIDDEN, VALIDATION_FAILED (not present), ILLEGAL_TRANSITION, CONFLICT. */
export async function addSpeaker(deps: MeetingDeps, actor: Actor, id: number, userId: number): Promise<number> {
  return inMeeting(deps, actor, id, 'addSpeaker', 'moderator', async (w) => {
    const item = await currentItemOf(w.em, w.meeting);
    const present =
      (await w.em.exists(MeetingInvitee, { where: { meetingId: id, userId } })) &&
      (await w.em.exists(Attendance, { where: { meetingId: id, userId } }));
    if (!present) throw fieldError('userId', '只能安排已签到的参会人员发言');
    const speaker = await insertSpeaker(w, item, userId, actor.userId);
    await meetingAudit(w, actor, 'addSpeaker', `安排发言（第 ${item.position} 项）`, { speakerId: speaker.id, userId });
    return speaker.id;
  });
}

async function speakerOf(w: MeetingWork, speakerId: number): Promise<MeetingSpeaker> {
  const speaker = await w.em.findOne(MeetingSpeaker, { where: { id: speakerId, meetingId: w.meeting.id } });
  if (!speaker) throw new AppError('NOT_FOUND', { message: '发言名单中没有这一位' });
  if (speaker.agendaItemId !== w.meeting.currentItemId) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '这条发言申请属于已经结束的议题' });
  }
  return speaker;
}

/**
 * Gives the floor to a waiting speaker for `seconds`; one speaker at a time.
 * Errors: FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION (not waiting, someone else speaking).
 */
export async function grantFloor(
  deps: MeetingDeps,
  actor: Actor,
  id: number,
  speakerId: number,
  seconds: number,
): Promise<void> {
  await inMeeting(deps, actor, id, 'grantFloor', 'moderator', async (w) => {
    const speaker = await speakerOf(w, speakerId);
    if (speaker.status !== 'waiting') {
      throw new AppError('ILLEGAL_TRANSITION', { message: '这位发言人当前不在等候发言' });
    }
    if (await w.em.exists(MeetingSpeaker, { where: { speakingKey: speaker.agendaItemId } })) {
      throw new AppError('ILLEGAL_TRANSITION', { message: '请先结束当前的发言，再请下一位发言' });
    }
    try {
      await w.em.update(
        MeetingSpeaker,
        { id: speaker.id },
        { status: 'speaking', speakingKey: speaker.agendaItemId, startedAt: new Date(), seconds },
      );
    } catch (error) {
      throw new AppError('ILLEGAL_TRANSITION', { message: '请先结束当前的发言，再请下一位发言', cause: error });
    }
    await meetingAudit(w, actor, 'grantFloor', `请发言（${Math.round(seconds / 60)} 分钟）`, {
      speakerId,
      userId: speaker.userId,
    });
  });
}

/** Ends a speech: the moderator, or the speaker themself. Errors: FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION (not speaking). */
export async function endSpeech(deps: MeetingDeps, actor: Actor, id: number, speakerId: number): Promise<void> {
  await inMeeting(deps, actor, id, 'endSpeech', 'participant_or_moderator', async (w) => {
    const speaker = await speakerOf(w, speakerId);
    const moderator = actor.isModerator(w.meeting.communityId);
    if (!moderator && speaker.userId !== actor.userId) {
      throw new AppError('FORBIDDEN', { message: '只有主持人或发言人本人可以结束发言' });
    }
    if (speaker.status !== 'speaking')
      throw new AppError('ILLEGAL_TRANSITION', { message: '这位发言人当前没有在发言' });
    await w.em.update(
      MeetingSpeaker,
      { id: speaker.id },
      { status: 'done', endedAt: new Date(), activeKey: null, speakingKey: null },
    );
    await audit(w.em, {
      communityId: w.meeting.communityId,
      actor,
      actorRole: moderator ? 'moderator' : 'participant',
      action: 'meeting.endSpeech',
      objectType: 'meeting',
      objectId: id,
      summary: '结束发言',
      data: { speakerId },
    });
  });
}

/** Takes a waiting request off the list: the moderator, or who asked. Errors: FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION (not waiting). */
export async function withdrawSpeaker(deps: MeetingDeps, actor: Actor, id: number, speakerId: number): Promise<void> {
  await inMeeting(deps, actor, id, 'withdrawSpeaker', 'participant_or_moderator', async (w) => {
    const speaker = await speakerOf(w, speakerId);
    const moderator = actor.isModerator(w.meeting.communityId);
    if (!moderator && speaker.userId !== actor.userId) {
      throw new AppError('FORBIDDEN', { message: '只能撤回自己的发言申请' });
    }
    if (speaker.status !== 'waiting') {
      throw new AppError('ILLEGAL_TRANSITION', { message: '只能撤回还在等候的发言申请' });
    }
    await w.em.update(MeetingSpeaker, { id: speaker.id }, { status: 'withdrawn', activeKey: null });
    await audit(w.em, {
      communityId: w.meeting.communityId,
      actor,
      actorRole: moderator ? 'moderator' : 'participant',
      action: 'meeting.withdrawSpeaker',
      objectType: 'meeting',
      objectId: id,
      summary: '撤回发言申请',
      data: { speakerId },
    });
  });
}

/** Ends the item's list of speakers: whoever speaks is done, whoever waits is withdrawn. */
async function closeSpeakers(em: EntityManager, itemId: number): Promise<void> {
  const now = new Date();
  await em.update(
    MeetingSpeaker,
    { agendaItemId: itemId, status: 'speaking' },
    { status: 'done', endedAt: now, activeKey: null, speakingKey: null },
  );
  await em.update(
    MeetingSpeaker,
    { agendaItemId: itemId, status: 'waiting' },
    { status: 'withdrawn', activeKey: null },
  );
}

/**
 * Records the current item's conclusion and ends its discussion: a resolution
 * moves its topic to 'decided' (the resolution on its timeline, the votes
 * linked); no decision moves it to 'deliberated'. The item's votes must be closed.
 * Errors: FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION (not the current item, a vote still open), VALIDATION_FAILED (votes).
 */
export async function decideAgendaItem(
  deps: MeetingDeps,
  actor: Actor,
  id: number,
  itemId: number,
  body: DecideItemBody,
): Promise<void> {
  await inMeeting(deps, actor, id, 'decideItem', 'moderator', async (w) => {
    const item = await w.em.findOne(AgendaItem, { where: { id: itemId, meetingId: id } });
    if (!item) throw new AppError('NOT_FOUND', { message: '本次会议的议程中没有这一项' });
    const title = await topicTitle(w.em, item.topicId);
    if (w.meeting.currentItemId !== item.id || item.status !== 'open') {
      throw new AppError('ILLEGAL_TRANSITION', { message: `议题「${title}」现在不在讨论中，不能记录结论` });
    }
    const votes = await w.em.find(Vote, { where: { meetingId: id, agendaItemId: item.id }, order: { id: 'ASC' } });
    const open = votes.find((v) => v.status !== 'closed');
    if (open) {
      throw new AppError('ILLEGAL_TRANSITION', { message: `请先结束本议题的表决「${open.title}」，再记录结论` });
    }
    const voteIds = body.voteIds ?? votes.map((v) => v.id);
    if (voteIds.some((v) => !votes.some((x) => x.id === v))) {
      throw fieldError('voteIds', '只能引用本议题在本次会议中的表决');
    }
    try {
      await w.em.insert(AgendaDecision, {
        meetingId: id,
        agendaItemId: item.id,
        outcome: body.outcome,
        resolution: body.resolution,
        voteIds: [...new Set(voteIds)].join(','),
        decidedBy: actor.userId,
      });
    } catch (error) {
      throw new AppError('CONFLICT', { message: `议题「${title}」的结论已经记录过了`, cause: error });
    }
    await closeSpeakers(w.em, item.id);
    await w.em.update(AgendaItem, { id: item.id }, { status: 'done', closedAt: new Date() });
    await w.em.createQueryBuilder().update(Meeting).set({ currentItemId: null }).where('id = :id', { id }).execute();
    const move = body.outcome === 'decided' ? 'decide' : 'deliberate';
    const { topic, from, to } = await moveTopic(w.em, item.topicId, move, {
      actor,
      note: body.resolution || `「${w.meeting.title}」已协商，未形成决议`,
      data: { meetingId: id, agendaItemId: item.id, voteIds },
    });
    w.moved({ topicId: topic.id, communityId: topic.communityId, from, to, action: move });
    await meetingAudit(
      w,
      actor,
      'decideItem',
      `第 ${item.position} 项「${title}」${body.outcome === 'decided' ? '形成决议' : '未形成决议'}`,
      { agendaItemId: item.id, outcome: body.outcome, voteIds },
    );
  });
}

/**
 * Closes the meeting: items never opened are skipped and their topics leave
 * the agenda ('unschedule'); the minutes' first draft is written.
 * Errors: FORBIDDEN, ILLEGAL_TRANSITION (not in session, an item still open).
 */
export async function closeMeeting(deps: MeetingDeps, actor: Actor, id: number): Promise<void> {
  await inMeeting(deps, actor, id, 'close', 'moderator', async (w) => {
    if (w.meeting.currentItemId !== null) {
      const current = await currentItemOf(w.em, w.meeting);
      throw new AppError('ILLEGAL_TRANSITION', {
        message: `请先记录「${await topicTitle(w.em, current.topicId)}」的结论，再结束会议`,
      });
    }
    const pending = await w.em.find(AgendaItem, { where: { meetingId: id, status: 'pending' } });
    for (const item of pending) {
      await w.em.update(AgendaItem, { id: item.id }, { status: 'skipped' });
      const { topic, from, to } = await moveTopic(w.em, item.topicId, 'unschedule', {
        actor,
        note: `「${w.meeting.title}」未讨论此议题，另行安排`,
        data: { meetingId: id, agendaItemId: item.id },
      });
      w.moved({ topicId: topic.id, communityId: topic.communityId, from, to, action: 'unschedule' });
    }
    const closedAt = new Date();
    await w.em
      .createQueryBuilder()
      .update(Meeting)
      .set({ status: 'closed', closedAt })
      .where('id = :id', { id })
      .execute();
    await draftMinutesOf(w.em, { ...w.meeting, status: 'closed', closedAt }, actor.userId);
    await meetingAudit(w, actor, 'close', `结束会议「${w.meeting.title}」`, {
      skippedItems: pending.map((p) => p.id),
    });
  });
}
