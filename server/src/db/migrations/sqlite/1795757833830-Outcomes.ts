import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outcomes1795757833830 implements MigrationInterface {
  name = 'Outcomes1795757833830';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "publicity" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "community_id" integer NOT NULL, "resolution" text NOT NULL, "vote_id" integer, "meeting_id" integer, "days" integer NOT NULL, "starts_at" datetime(6) NOT NULL, "last_day" varchar(10) NOT NULL, "ends_at" datetime(6) NOT NULL, "published_by" integer NOT NULL, "ended_at" datetime(6), "outcome" varchar(12), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_publicity_community" ON "publicity" ("community_id", "id") ');
    await queryRunner.query('CREATE INDEX "ix_publicity_open" ON "publicity" ("ended_at", "ends_at") ');
    await queryRunner.query('CREATE INDEX "ix_publicity_topic" ON "publicity" ("topic_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "objection" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "publicity_id" integer NOT NULL, "community_id" integer NOT NULL, "user_id" integer NOT NULL, "body" varchar(500) NOT NULL, "held" boolean NOT NULL DEFAULT (0), "status" varchar(10) NOT NULL, "reply" varchar(500), "answered_by" integer, "answered_at" datetime(6), "open_key" varchar(40), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_objection_open" ON "objection" ("open_key") ');
    await queryRunner.query('CREATE INDEX "ix_objection_community" ON "objection" ("community_id", "status", "id") ');
    await queryRunner.query('CREATE INDEX "ix_objection_topic" ON "objection" ("topic_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "implementation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "community_id" integer NOT NULL, "party_id" integer NOT NULL, "person_user_id" integer NOT NULL, "due_date" varchar(10) NOT NULL, "assigned_by" integer NOT NULL, "completed_at" datetime(6), "evaluation_last_day" varchar(10), "evaluation_ends_at" datetime(6), "overdue_noticed_on" varchar(10), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_implementation_evaluation" ON "implementation" ("evaluation_ends_at") ');
    await queryRunner.query(
      'CREATE INDEX "ix_implementation_community" ON "implementation" ("community_id", "completed_at", "due_date") ',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_implementation_topic" ON "implementation" ("topic_id") ');
    await queryRunner.query(
      'CREATE TABLE "implementation_milestone" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "implementation_id" integer NOT NULL, "topic_id" integer NOT NULL, "community_id" integer NOT NULL, "title" varchar(60) NOT NULL, "due_date" varchar(10) NOT NULL, "done_on" varchar(10), "done_by" integer, "overdue_noticed_on" varchar(10), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_milestone_topic" ON "implementation_milestone" ("topic_id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_milestone_implementation" ON "implementation_milestone" ("implementation_id", "due_date") ',
    );
    await queryRunner.query(
      'CREATE TABLE "progress_update" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "implementation_id" integer NOT NULL, "community_id" integer NOT NULL, "kind" varchar(12) NOT NULL, "author_id" integer NOT NULL, "author_role" varchar(24) NOT NULL, "body" text NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_progress_topic" ON "progress_update" ("topic_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "outcome_photo" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "upload_id" integer NOT NULL, "owner_type" varchar(12) NOT NULL, "owner_id" integer NOT NULL, "topic_id" integer NOT NULL, "position" integer NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_outcome_photo_owner" ON "outcome_photo" ("owner_type", "owner_id", "position") ',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_outcome_photo_upload" ON "outcome_photo" ("upload_id") ');
    await queryRunner.query(
      'CREATE TABLE "evaluation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "community_id" integer NOT NULL, "user_id" integer NOT NULL, "score" integer NOT NULL, "comment" varchar(300), "held" boolean NOT NULL DEFAULT (0), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_evaluation_community" ON "evaluation" ("community_id", "created_at") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_evaluation" ON "evaluation" ("topic_id", "user_id") ');
    await queryRunner.query(
      'CREATE TABLE "outcome_settings" ("community_id" integer PRIMARY KEY NOT NULL, "evaluation_days" integer NOT NULL DEFAULT (14), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "outcome_settings"');
    await queryRunner.query('DROP INDEX "uq_evaluation"');
    await queryRunner.query('DROP INDEX "ix_evaluation_community"');
    await queryRunner.query('DROP TABLE "evaluation"');
    await queryRunner.query('DROP INDEX "uq_outcome_photo_upload"');
    await queryRunner.query('DROP INDEX "ix_outcome_photo_owner"');
    await queryRunner.query('DROP TABLE "outcome_photo"');
    await queryRunner.query('DROP INDEX "ix_progress_topic"');
    await queryRunner.query('DROP TABLE "progress_update"');
    await queryRunner.query('DROP INDEX "ix_milestone_implementation"');
    await queryRunner.query('DROP INDEX "ix_milestone_topic"');
    await queryRunner.query('DROP TABLE "implementation_milestone"');
    await queryRunner.query('DROP INDEX "uq_implementation_topic"');
    await queryRunner.query('DROP INDEX "ix_implementation_community"');
    await queryRunner.query('DROP INDEX "ix_implementation_evaluation"');
    await queryRunner.query('DROP TABLE "implementation"');
    await queryRunner.query('DROP INDEX "ix_objection_topic"');
    await queryRunner.query('DROP INDEX "ix_objection_community"');
    await queryRunner.query('DROP INDEX "uq_objection_open"');
    await queryRunner.query('DROP TABLE "objection"');
    await queryRunner.query('DROP INDEX "ix_publicity_topic"');
    await queryRunner.query('DROP INDEX "ix_publicity_open"');
    await queryRunner.query('DROP INDEX "ix_publicity_community"');
    await queryRunner.query('DROP TABLE "publicity"');
  }
}
