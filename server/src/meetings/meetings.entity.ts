import { Column, Entity, Index } from 'typeorm';
import type { AgendaItemStatus, ItemOutcome, SpeakerStatus } from '../../../shared/src/meetings/live.schema';
import type { MeetingStatus } from '../../../shared/src/meetings/meetings.schema';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../db/columns';

/** 协商议事会: one negotiation meeting of a council, with its agenda and attendance. */
@Entity({ name: 'meeting' })
@Index('ix_meeting_community', ['communityId', 'id'])
export class Meeting {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'int', name: 'council_id' })
  councilId!: number;

  @Column({ type: 'varchar', length: 80 })
  title!: string;

  @Column({ type: 'datetime', precision: 6, name: 'starts_at' })
  startsAt!: Date;

  @Column({ type: 'varchar', length: 100 })
  place!: string;

  @Column({ type: 'varchar', length: 8 })
  mode!: 'offline' | 'online' | 'hybrid';

  @Column({ type: 'varchar', length: 20 })
  status!: MeetingStatus;

  @Column({ type: 'int', name: 'notice_days' })
  noticeDays!: number;

  @Column({ type: 'datetime', precision: 6, name: 'announced_at', nullable: true })
  announcedAt!: Date | null;

  /** Typed or scanned by participants to check in; shown to moderators only. */
  @Column({ type: 'varchar', length: 6, name: 'check_in_code' })
  checkInCode!: string;

  @Column({ type: 'int', name: 'created_by' })
  createdBy!: number;

  /**
   * The live state's version: +1 in the same transaction as every change of
   * the meeting, and (coalesced, at most a few times a second) after ballots
   * of its votes. Global per meeting whatever server process made the change.
   */
  @Column({ type: 'int', name: 'live_version', default: 0 })
  liveVersion!: number;

  /** The live version of the last change other than ballots. */
  @Column({ type: 'int', name: 'session_version', default: 0 })
  sessionVersion!: number;

  /** The agenda item being discussed now, in session. */
  @Column({ type: 'int', name: 'current_item_id', nullable: true })
  currentItemId!: number | null;

  @Column({ type: 'datetime', precision: 6, name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'datetime', precision: 6, name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

@Entity({ name: 'meeting_invitee' })
@Index('uq_meeting_invitee', ['meetingId', 'userId'], { unique: true })
export class MeetingInvitee {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'meeting_id' })
  meetingId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  /** council: holds a seat (counts for the quorum); guest: invited for this meeting. */
  @Column({ type: 'varchar', length: 8 })
  role!: 'council' | 'guest';
}

/** One item of the agenda: a topic and the minutes set aside for it. */
@Entity({ name: 'agenda_item' })
@Index('ix_agenda_meeting', ['meetingId', 'position'])
export class AgendaItem {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'meeting_id' })
  meetingId!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'int' })
  minutes!: number;

  /** pending → open (being discussed) → done (concluded); skipped when the meeting closed before it. */
  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: AgendaItemStatus;

  @Column({ type: 'datetime', precision: 6, name: 'opened_at', nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'datetime', precision: 6, name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}

/** The conclusion of one agenda item: a resolution (决议) or no decision; once per item. */
@Entity({ name: 'agenda_decision' })
@Index('uq_agenda_decision_item', ['agendaItemId'], { unique: true })
@Index('ix_agenda_decision_meeting', ['meetingId'])
export class AgendaDecision {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'meeting_id' })
  meetingId!: number;

  @Column({ type: 'int', name: 'agenda_item_id' })
  agendaItemId!: number;

  @Column({ type: 'varchar', length: 12 })
  outcome!: ItemOutcome;

  @Column({ type: 'text' })
  resolution!: string;

  /** The votes the conclusion rests on, comma separated ids. */
  @Column({ type: 'varchar', length: 200, name: 'vote_ids' })
  voteIds!: string;

  @Column({ type: 'int', name: 'decided_by' })
  decidedBy!: number;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * One turn on the list of speakers of an agenda item. `activeKey` is set
 * while waiting or speaking, so the database refuses a second place in the
 * queue; `speakingKey` while speaking, so only one person speaks at a time.
 */
@Entity({ name: 'meeting_speaker' })
@Index('ix_meeting_speaker_item', ['agendaItemId', 'id'])
@Index('uq_meeting_speaker_active', ['activeKey'], { unique: true })
@Index('uq_meeting_speaker_speaking', ['speakingKey'], { unique: true })
export class MeetingSpeaker {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'meeting_id' })
  meetingId!: number;

  @Column({ type: 'int', name: 'agenda_item_id' })
  agendaItemId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: SpeakerStatus;

  /** The moderator who put them on the list; null when they asked themselves. */
  @Column({ type: 'int', name: 'added_by', nullable: true })
  addedBy!: number | null;

  @Column({ type: 'varchar', length: 24, name: 'active_key', nullable: true })
  activeKey!: string | null;

  @Column({ type: 'int', name: 'speaking_key', nullable: true })
  speakingKey!: number | null;

  @Column({ type: 'int', nullable: true })
  seconds!: number | null;

  @Column({ type: 'datetime', precision: 6, name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'datetime', precision: 6, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** The minutes of a meeting: drafted when it closes, edited by moderators, then published and frozen. */
@Entity({ name: 'meeting_minutes' })
@Index('uq_meeting_minutes', ['meetingId'], { unique: true })
export class MeetingMinutes {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'meeting_id' })
  meetingId!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'int', name: 'updated_by' })
  updatedBy!: number;

  @Column({ type: 'datetime', precision: 6, name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** A check-in: by the meeting's code or by the moderator's roll call; once per person. */
@Entity({ name: 'attendance' })
@Index('uq_attendance', ['meetingId', 'userId'], { unique: true })
export class Attendance {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'meeting_id' })
  meetingId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @Column({ type: 'varchar', length: 10 })
  method!: 'code' | 'roll_call';

  @Column({ type: 'int', name: 'recorded_by' })
  recordedBy!: number;

  @CreatedAtColumn()
  createdAt!: Date;
}
