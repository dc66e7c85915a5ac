import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveMeetings1795757858107 implements MigrationInterface {
  name = 'LiveMeetings1795757858107';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "agenda_decision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "agenda_item_id" integer NOT NULL, "outcome" varchar(12) NOT NULL, "resolution" text NOT NULL, "vote_ids" varchar(200) NOT NULL, "decided_by" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_agenda_decision_meeting" ON "agenda_decision" ("meeting_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_agenda_decision_item" ON "agenda_decision" ("agenda_item_id") ');
    await queryRunner.query(
      'CREATE TABLE "meeting_speaker" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "agenda_item_id" integer NOT NULL, "user_id" integer NOT NULL, "status" varchar(10) NOT NULL, "added_by" integer, "active_key" varchar(24), "speaking_key" integer, "seconds" integer, "started_at" datetime(6), "ended_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_meeting_speaker_speaking" ON "meeting_speaker" ("speaking_key") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_meeting_speaker_active" ON "meeting_speaker" ("active_key") ');
    await queryRunner.query('CREATE INDEX "ix_meeting_speaker_item" ON "meeting_speaker" ("agenda_item_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "meeting_minutes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "text" text NOT NULL, "revision" integer NOT NULL, "updated_by" integer NOT NULL, "published_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_meeting_minutes" ON "meeting_minutes" ("meeting_id") ');
    await queryRunner.query('DROP INDEX "ix_meeting_community"');
    await queryRunner.query(
      'CREATE TABLE "temporary_meeting" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "council_id" integer NOT NULL, "title" varchar(80) NOT NULL, "starts_at" datetime(6) NOT NULL, "place" varchar(100) NOT NULL, "mode" varchar(8) NOT NULL, "status" varchar(20) NOT NULL, "notice_days" integer NOT NULL, "announced_at" datetime(6), "check_in_code" varchar(6) NOT NULL, "created_by" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "live_version" integer NOT NULL DEFAULT (0), "session_version" integer NOT NULL DEFAULT (0), "current_item_id" integer, "started_at" datetime(6), "closed_at" datetime(6))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_meeting"("id", "community_id", "council_id", "title", "starts_at", "place", "mode", "status", "notice_days", "announced_at", "check_in_code", "created_by", "created_at") SELECT "id", "community_id", "council_id", "title", "starts_at", "place", "mode", "status", "notice_days", "announced_at", "check_in_code", "created_by", "created_at" FROM "meeting"',
    );
    await queryRunner.query('DROP TABLE "meeting"');
    await queryRunner.query('ALTER TABLE "temporary_meeting" RENAME TO "meeting"');
    await queryRunner.query('CREATE INDEX "ix_meeting_community" ON "meeting" ("community_id", "id") ');
    await queryRunner.query('DROP INDEX "ix_agenda_meeting"');
    await queryRunner.query(
      'CREATE TABLE "temporary_agenda_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "topic_id" integer NOT NULL, "position" integer NOT NULL, "minutes" integer NOT NULL, "status" varchar(10) NOT NULL DEFAULT (\'pending\'), "opened_at" datetime(6), "closed_at" datetime(6))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_agenda_item"("id", "meeting_id", "topic_id", "position", "minutes") SELECT "id", "meeting_id", "topic_id", "position", "minutes" FROM "agenda_item"',
    );
    await queryRunner.query('DROP TABLE "agenda_item"');
    await queryRunner.query('ALTER TABLE "temporary_agenda_item" RENAME TO "agenda_item"');
    await queryRunner.query('CREATE INDEX "ix_agenda_meeting" ON "agenda_item" ("meeting_id", "position") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_agenda_meeting"');
    await queryRunner.query('ALTER TABLE "agenda_item" RENAME TO "temporary_agenda_item"');
    await queryRunner.query(
      'CREATE TABLE "agenda_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "topic_id" integer NOT NULL, "position" integer NOT NULL, "minutes" integer NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "agenda_item"("id", "meeting_id", "topic_id", "position", "minutes") SELECT "id", "meeting_id", "topic_id", "position", "minutes" FROM "temporary_agenda_item"',
    );
    await queryRunner.query('DROP TABLE "temporary_agenda_item"');
    await queryRunner.query('CREATE INDEX "ix_agenda_meeting" ON "agenda_item" ("meeting_id", "position") ');
    await queryRunner.query('DROP INDEX "ix_meeting_community"');
    await queryRunner.query('ALTER TABLE "meeting" RENAME TO "temporary_meeting"');
    await queryRunner.query(
      'CREATE TABLE "meeting" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "council_id" integer NOT NULL, "title" varchar(80) NOT NULL, "starts_at" datetime(6) NOT NULL, "place" varchar(100) NOT NULL, "mode" varchar(8) NOT NULL, "status" varchar(20) NOT NULL, "notice_days" integer NOT NULL, "announced_at" datetime(6), "check_in_code" varchar(6) NOT NULL, "created_by" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "meeting"("id", "community_id", "council_id", "title", "starts_at", "place", "mode", "status", "notice_days", "announced_at", "check_in_code", "created_by", "created_at") SELECT "id", "community_id", "council_id", "title", "starts_at", "place", "mode", "status", "notice_days", "announced_at", "check_in_code", "created_by", "created_at" FROM "temporary_meeting"',
    );
    await queryRunner.query('DROP TABLE "temporary_meeting"');
    await queryRunner.query('CREATE INDEX "ix_meeting_community" ON "meeting" ("community_id", "id") ');
    await queryRunner.query('DROP INDEX "uq_meeting_minutes"');
    await queryRunner.query('DROP TABLE "meeting_minutes"');
    await queryRunner.query('DROP INDEX "ix_meeting_speaker_item"');
    await queryRunner.query('DROP INDEX "uq_meeting_speaker_active"');
    await queryRunner.query('DROP INDEX "uq_meeting_speaker_speaking"');
    await queryRunner.query('DROP TABLE "meeting_speaker"');
    await queryRunner.query('DROP INDEX "uq_agenda_decision_item"');
    await queryRunner.query('DROP INDEX "ix_agenda_decision_meeting"');
    await queryRunner.query('DROP TABLE "agenda_decision"');
  }
}
