import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../db/columns';

/**
 * The outcomes stage of a topic (DESIGN.md §1 mechanism 5): a decided topic's
 * resolution is published (公示) for N days, residents may object (异议), a
 * named party carries it out (落实) with milestones and progress updates, and
 * residents in its scope rate it (满意度评价). Ledgers and statistics read
 * these tables; every row names its community so they can filter cheaply.
 *
 * The resolution itself is the note of the topic's latest `decide` timeline
 * event (topic_event); a publicity row keeps a copy of the text it published.
 */

/**
 * 公示: one publication round of a topic's resolution. A topic reopened by an
 * upheld objection and decided again gets a new round; earlier rounds stay.
 * `endedAt` is set when the round ends: `outcome` implemented (the sweeper
 * moved the topic on) or reopened (an objection was upheld).
 */
@Entity({ name: 'publicity' })
@Index('ix_publicity_topic', ['topicId', 'id'])
@Index('ix_publicity_open', ['endedAt', 'endsAt'])
@Index('ix_publicity_community', ['communityId', 'id'])
export class Publicity {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  /** The resolution text as published (copied from the `decide` timeline entry). */
  @Column({ type: 'text' })
  resolution!: string;

  /** The closed vote the resolution rests on, if any. */
  @Column({ type: 'int', name: 'vote_id', nullable: true })
  voteId!: number | null;

  @Column({ type: 'int', name: 'meeting_id', nullable: true })
  meetingId!: number | null;

  /** Length of the period in calendar days (the community's publicityDays when published). */
  @Column({ type: 'int' })
  days!: number;

  @Column({ type: 'datetime', precision: 6, name: 'starts_at' })
  startsAt!: Date;

  /** Last day objections are taken (YYYY-MM-DD, Asia/Shanghai). */
  @Column({ type: 'varchar', length: 10, name: 'last_day' })
  lastDay!: string;

  /** 00:00 Asia/Shanghai after the last day: from then on the sweeper may end the round. */
  @Column({ type: 'datetime', precision: 6, name: 'ends_at' })
  endsAt!: Date;

  @Column({ type: 'int', name: 'published_by' })
  publishedBy!: number;

  @Column({ type: 'datetime', precision: 6, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  outcome!: 'implemented' | 'reopened' | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * 异议: a verified resident's objection during publicity. `openKey`
 * (`topicId:userId`) is set while it is pending, so the unique index allows
 * one open objection per resident per topic; answering clears it.
 */
@Entity({ name: 'objection' })
@Index('ix_objection_topic', ['topicId', 'id'])
@Index('ix_objection_community', ['communityId', 'status', 'id'])
@Index('uq_objection_open', ['openKey'], { unique: true })
export class Objection {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'publicity_id' })
  publicityId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @Column({ type: 'varchar', length: 500 })
  body!: string;

  /** Held from the public while the content check asks for a person (moderators still see it). */
  @Column({ type: 'boolean', default: false })
  held!: boolean;

  @Column({ type: 'varchar', length: 10 })
  status!: 'pending' | 'upheld' | 'dismissed';

  @Column({ type: 'varchar', length: 500, nullable: true })
  reply!: string | null;

  @Column({ type: 'int', name: 'answered_by', nullable: true })
  answeredBy!: number | null;

  @Column({ type: 'datetime', precision: 6, name: 'answered_at', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'varchar', length: 40, name: 'open_key', nullable: true })
  openKey!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * 落实: who carries out a topic's resolution and by when — one row per topic,
 * set by a moderator during publicity or implementation. `completedAt` and
 * the report are written by the completion report; the evaluation window
 * (`evaluationEndsAt`) is fixed then from the community's evaluationDays.
 */
@Entity({ name: 'implementation' })
@Index('uq_implementation_topic', ['topicId'], { unique: true })
@Index('ix_implementation_community', ['communityId', 'completedAt', 'dueDate'])
@Index('ix_implementation_evaluation', ['evaluationEndsAt'])
export class Implementation {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  /** The responsible party (a Party of the community's directory). */
  @Column({ type: 'int', name: 'party_id' })
  partyId!: number;

  /** The named responsible person (a member of the community). */
  @Column({ type: 'int', name: 'person_user_id' })
  personUserId!: number;

  /** YYYY-MM-DD, Asia/Shanghai. */
  @Column({ type: 'varchar', length: 10, name: 'due_date' })
  dueDate!: string;

  @Column({ type: 'int', name: 'assigned_by' })
  assignedBy!: number;

  @Column({ type: 'datetime', precision: 6, name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  /** Last day residents may evaluate (YYYY-MM-DD), set at completion. */
  @Column({ type: 'varchar', length: 10, name: 'evaluation_last_day', nullable: true })
  evaluationLastDay!: string | null;

  @Column({ type: 'datetime', precision: 6, name: 'evaluation_ends_at', nullable: true })
  evaluationEndsAt!: Date | null;

  /** The day the sweeper last told moderators it is overdue (at most once a day). */
  @Column({ type: 'varchar', length: 10, name: 'overdue_noticed_on', nullable: true })
  overdueNoticedOn!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** A milestone (节点) of an implementation: a title and a due date, marked done with the day it was done. */
@Entity({ name: 'implementation_milestone' })
@Index('ix_milestone_implementation', ['implementationId', 'dueDate'])
@Index('ix_milestone_topic', ['topicId'])
export class Milestone {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'implementation_id' })
  implementationId!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'varchar', length: 60 })
  title!: string;

  @Column({ type: 'varchar', length: 10, name: 'due_date' })
  dueDate!: string;

  @Column({ type: 'varchar', length: 10, name: 'done_on', nullable: true })
  doneOn!: string | null;

  @Column({ type: 'int', name: 'done_by', nullable: true })
  doneBy!: number | null;

  @Column({ type: 'varchar', length: 10, name: 'overdue_noticed_on', nullable: true })
  overdueNoticedOn!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * 进展: a progress update on an implementation, or (kind `completion`) the
 * completion report that moved the topic to completed. Append-only.
 */
@Entity({ name: 'progress_update' })
@Index('ix_progress_topic', ['topicId', 'id'])
export class ProgressUpdate {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'implementation_id' })
  implementationId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'varchar', length: 12 })
  kind!: 'progress' | 'completion';

  @Column({ type: 'int', name: 'author_id' })
  authorId!: number;

  /** The role the author acted in (moderator, property_manager, responsible_person …). */
  @Column({ type: 'varchar', length: 24, name: 'author_role' })
  authorRole!: string;

  @Column({ type: 'text' })
  body!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * A photo attached to an objection or a progress update (an Upload of purpose
 * progress_photo). The unique upload id keeps one photo in one place.
 * Progress photos are public on the board; objection photos are seen only by
 * the objector and the community's moderators.
 */
@Entity({ name: 'outcome_photo' })
@Index('uq_outcome_photo_upload', ['uploadId'], { unique: true })
@Index('ix_outcome_photo_owner', ['ownerType', 'ownerId', 'position'])
export class OutcomePhoto {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'upload_id' })
  uploadId!: number;

  @Column({ type: 'varchar', length: 12, name: 'owner_type' })
  ownerType!: 'objection' | 'progress';

  @Column({ type: 'int', name: 'owner_id' })
  ownerId!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int' })
  position!: number;
}

/**
 * 满意度评价: a verified resident in the topic's scope rates the completed
 * topic 1–5 once (unique key), within the evaluation window. Score 4 and 5
 * count as satisfied (shared/src/outcomes/outcomes.rules.ts).
 */
@Entity({ name: 'evaluation' })
@Index('uq_evaluation', ['topicId', 'userId'], { unique: true })
@Index('ix_evaluation_community', ['communityId', 'createdAt'])
export class Evaluation {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  comment!: string | null;

  /** The comment waits for a moderator (content check said review); the score counts regardless. */
  @Column({ type: 'boolean', default: false })
  held!: boolean;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** Per-community settings of the outcomes stage; absent rows mean the defaults (publicityDays lives in community_settings). */
@Entity({ name: 'outcome_settings' })
export class OutcomeSettings {
  @PrimaryColumn({ type: 'int', name: 'community_id' })
  communityId!: number;

  /** Days residents may evaluate after completion (default 14). */
  @Column({ type: 'int', name: 'evaluation_days', default: 14 })
  evaluationDays!: number;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
