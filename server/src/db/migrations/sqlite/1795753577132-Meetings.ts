import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Meetings1795753577132 implements MigrationInterface {
  name = 'Meetings1795753577132';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "meeting" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "council_id" integer NOT NULL, "title" varchar(80) NOT NULL, "starts_at" datetime(6) NOT NULL, "place" varchar(100) NOT NULL, "mode" varchar(8) NOT NULL, "status" varchar(20) NOT NULL, "notice_days" integer NOT NULL, "announced_at" datetime(6), "check_in_code" varchar(6) NOT NULL, "created_by" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_meeting_community" ON "meeting" ("community_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "meeting_invitee" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "user_id" integer NOT NULL, "role" varchar(8) NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_meeting_invitee" ON "meeting_invitee" ("meeting_id", "user_id") ');
    await queryRunner.query(
      'CREATE TABLE "agenda_item" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "topic_id" integer NOT NULL, "position" integer NOT NULL, "minutes" integer NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "ix_agenda_meeting" ON "agenda_item" ("meeting_id", "position") ');
    await queryRunner.query(
      'CREATE TABLE "attendance" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "user_id" integer NOT NULL, "method" varchar(10) NOT NULL, "recorded_by" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_attendance" ON "attendance" ("meeting_id", "user_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_attendance"');
    await queryRunner.query('DROP TABLE "attendance"');
    await queryRunner.query('DROP INDEX "ix_agenda_meeting"');
    await queryRunner.query('DROP TABLE "agenda_item"');
    await queryRunner.query('DROP INDEX "uq_meeting_invitee"');
    await queryRunner.query('DROP TABLE "meeting_invitee"');
    await queryRunner.query('DROP INDEX "ix_meeting_community"');
    await queryRunner.query('DROP TABLE "meeting"');
  }
}
