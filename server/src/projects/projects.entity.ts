import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ProjectStatus } from '../../../shared/src/projects/project-states';
import type { ApplicationStatus } from '../../../shared/src/projects/projects.schema';
import { Community } from '../communities/communities.entity';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../db/columns';

/**
 * 三社联动项目: a community service project carried out by a social
 * organisation — from a demand (often a topic's resolution) through design,
 * filing with the sub-district, an open call and selection, to progress,
 * supervision, completion and a third-party evaluation.
 */
@Entity({ name: 'service_project' })
@Index('ix_project_community', ['communityId', 'status', 'id'])
@Index('ix_project_status', ['status', 'id'])
@Index('ix_project_topic', ['topicId'])
export class ServiceProject {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Community;

  /** The topic whose resolution raised the demand, if any. */
  @Column({ type: 'int', name: 'topic_id', nullable: true })
  topicId!: number | null;

  @Column({ type: 'varchar', length: 60 })
  title!: string;

  @Column({ type: 'text' })
  demand!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ProjectStatus;

  @Column({ type: 'text', nullable: true })
  goals!: string | null;

  @Column({ type: 'text', name: 'service_content', nullable: true })
  serviceContent!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  beneficiaries!: string | null;

  /** Whole fen (1/100 yuan), never a float. */
  @Column({ type: 'int', name: 'budget_fen', nullable: true })
  budgetFen!: number | null;

  /** Calendar days in Asia/Shanghai (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 10, name: 'start_date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'varchar', length: 10, name: 'end_date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'datetime', precision: 6, name: 'filed_at', nullable: true })
  filedAt!: Date | null;

  @Column({ type: 'datetime', precision: 6, name: 'filing_decided_at', nullable: true })
  filingDecidedAt!: Date | null;

  @Column({ type: 'int', name: 'filing_decided_by', nullable: true })
  filingDecidedBy!: number | null;

  @Column({ type: 'varchar', length: 500, name: 'filing_note', nullable: true })
  filingNote!: string | null;

  /** Why the sub-district returned the filing (the latest time). */
  @Column({ type: 'varchar', length: 500, name: 'return_reason', nullable: true })
  returnReason!: string | null;

  /** Last day (Asia/Shanghai) applications are taken; selection comes after it. */
  @Column({ type: 'varchar', length: 10, name: 'call_deadline', nullable: true })
  callDeadline!: string | null;

  @Column({ type: 'text', name: 'call_requirements', nullable: true })
  callRequirements!: string | null;

  @Column({ type: 'int', name: 'selected_application_id', nullable: true })
  selectedApplicationId!: number | null;

  @Column({ type: 'text', name: 'selection_reason', nullable: true })
  selectionReason!: string | null;

  @Column({ type: 'datetime', precision: 6, name: 'selected_at', nullable: true })
  selectedAt!: Date | null;

  @Column({ type: 'text', name: 'completion_summary', nullable: true })
  completionSummary!: string | null;

  @Column({ type: 'varchar', length: 500, name: 'cancel_reason', nullable: true })
  cancelReason!: string | null;

  @Column({ type: 'int', name: 'created_by' })
  createdBy!: number;

  @Column({ type: 'datetime', precision: 6, name: 'status_changed_at' })
  statusChangedAt!: Date;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/**
 * A social organisation's application to a project's open call; one per
 * organisation and call (the unique `applicant_key`: its party, its
 * organisation name, or the user without one).
 */
@Entity({ name: 'project_application' })
@Index('uq_project_application', ['projectId', 'applicantKey'], { unique: true })
@Index('ix_project_application_user', ['applicantUserId', 'id'])
export class ProjectApplication {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'project_id' })
  projectId!: number;

  @ManyToOne(() => ServiceProject, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: ServiceProject;

  @Column({ type: 'int', name: 'applicant_user_id' })
  applicantUserId!: number;

  /** `o:<organisation name>` (a social_org party or a granted organisation) or `u:<userId>`: who "the organisation" is. */
  @Column({ type: 'varchar', length: 120, name: 'applicant_key' })
  applicantKey!: string;

  @Column({ type: 'int', name: 'party_id', nullable: true })
  partyId!: number | null;

  @Column({ type: 'varchar', length: 100 })
  organisation!: string;

  @Column({ type: 'text' })
  proposal!: string;

  @Column({ type: 'text' })
  team!: string;

  @Column({ type: 'int', name: 'budget_fen' })
  budgetFen!: number;

  /** JSON array of upload ids (text column: see STACK.md on json columns). */
  @Column({ type: 'text', name: 'attachments_json' })
  attachmentsJson!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ApplicationStatus;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** A resident supervisor (居民监督员) appointed by the moderator; `endedAt` set when replaced. */
@Entity({ name: 'project_supervisor' })
@Index('ix_project_supervisor', ['projectId', 'userId'])
export class ProjectSupervisor {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'project_id' })
  projectId!: number;

  @ManyToOne(() => ServiceProject, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: ServiceProject;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @Column({ type: 'int', name: 'appointed_by' })
  appointedBy!: number;

  @Column({ type: 'datetime', precision: 6, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * One entry of a project's timeline: a transition (with its reason), a
 * progress report of the selected organisation or a supervision note; append-only.
 */
@Entity({ name: 'project_event' })
@Index('ix_project_event', ['projectId', 'id'])
export class ProjectEvent {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'project_id' })
  projectId!: number;

  @ManyToOne(() => ServiceProject, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: ServiceProject;

  /** `raise`, a ProjectAction (`reportProgress`, `supervise`, `select` …). */
  @Column({ type: 'varchar', length: 24 })
  action!: string;

  @Column({ type: 'varchar', length: 16, name: 'from_status', nullable: true })
  fromStatus!: ProjectStatus | null;

  @Column({ type: 'varchar', length: 16, name: 'to_status', nullable: true })
  toStatus!: ProjectStatus | null;

  @Column({ type: 'int', name: 'actor_id', nullable: true })
  actorId!: number | null;

  /** moderator, subdistrict_admin, social_org, supervisor. */
  @Column({ type: 'varchar', length: 24, name: 'actor_role' })
  actorRole!: string;

  /** The organisation a progress report is from. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  organisation!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** JSON array of upload ids. */
  @Column({ type: 'text', name: 'photos_json', nullable: true })
  photosJson!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** 第三方评估: the evaluation record of a completed project; one per project. */
@Entity({ name: 'project_evaluation' })
@Index('uq_project_evaluation', ['projectId'], { unique: true })
export class ProjectEvaluation {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'project_id' })
  projectId!: number;

  @ManyToOne(() => ServiceProject, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: ServiceProject;

  @Column({ type: 'varchar', length: 100 })
  evaluator!: string;

  /** 0–100. */
  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'varchar', length: 500 })
  summary!: string;

  @Column({ type: 'text' })
  report!: string;

  @Column({ type: 'int', name: 'attachment_upload_id', nullable: true })
  attachmentUploadId!: number | null;

  @Column({ type: 'int', name: 'recorded_by' })
  recordedBy!: number;

  @Column({ type: 'varchar', length: 24, name: 'recorded_role' })
  recordedRole!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}
