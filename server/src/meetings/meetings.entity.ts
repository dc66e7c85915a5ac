import { Column, Entity, Index } from 'typeorm';
import type { MeetingStatus } from '../../../shared/src/meetings/meetings.schema';
import { CreatedAtColumn, IdColumn } from '../db/columns';

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
