import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1795757991851 implements MigrationInterface {
  name = 'Projects1795757991851';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "service_project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "topic_id" integer, "title" varchar(60) NOT NULL, "demand" text NOT NULL, "status" varchar(16) NOT NULL, "goals" text, "service_content" text, "beneficiaries" varchar(200), "budget_fen" integer, "start_date" varchar(10), "end_date" varchar(10), "filed_at" datetime(6), "filing_decided_at" datetime(6), "filing_decided_by" integer, "filing_note" varchar(500), "return_reason" varchar(500), "call_deadline" varchar(10), "call_requirements" text, "selected_application_id" integer, "selection_reason" text, "selected_at" datetime(6), "completion_summary" text, "cancel_reason" varchar(500), "created_by" integer NOT NULL, "status_changed_at" datetime(6) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_project_topic" ON "service_project" ("topic_id") ');
    await queryRunner.query('CREATE INDEX "ix_project_status" ON "service_project" ("status", "id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_project_community" ON "service_project" ("community_id", "status", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "project_application" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "applicant_user_id" integer NOT NULL, "applicant_key" varchar(120) NOT NULL, "party_id" integer, "organisation" varchar(100) NOT NULL, "proposal" text NOT NULL, "team" text NOT NULL, "budget_fen" integer NOT NULL, "attachments_json" text NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_project_application_user" ON "project_application" ("applicant_user_id", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_project_application" ON "project_application" ("project_id", "applicant_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "project_supervisor" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "user_id" integer NOT NULL, "appointed_by" integer NOT NULL, "ended_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_project_supervisor" ON "project_supervisor" ("project_id", "user_id") ');
    await queryRunner.query(
      'CREATE TABLE "project_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "action" varchar(24) NOT NULL, "from_status" varchar(16), "to_status" varchar(16), "actor_id" integer, "actor_role" varchar(24) NOT NULL, "organisation" varchar(100), "note" text, "photos_json" text, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_project_event" ON "project_event" ("project_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "project_evaluation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "evaluator" varchar(100) NOT NULL, "score" integer NOT NULL, "summary" varchar(500) NOT NULL, "report" text NOT NULL, "attachment_upload_id" integer, "recorded_by" integer NOT NULL, "recorded_role" varchar(24) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_project_evaluation" ON "project_evaluation" ("project_id") ');
    await queryRunner.query('DROP INDEX "ix_project_topic"');
    await queryRunner.query('DROP INDEX "ix_project_status"');
    await queryRunner.query('DROP INDEX "ix_project_community"');
    await queryRunner.query(
      'CREATE TABLE "temporary_service_project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "topic_id" integer, "title" varchar(60) NOT NULL, "demand" text NOT NULL, "status" varchar(16) NOT NULL, "goals" text, "service_content" text, "beneficiaries" varchar(200), "budget_fen" integer, "start_date" varchar(10), "end_date" varchar(10), "filed_at" datetime(6), "filing_decided_at" datetime(6), "filing_decided_by" integer, "filing_note" varchar(500), "return_reason" varchar(500), "call_deadline" varchar(10), "call_requirements" text, "selected_application_id" integer, "selection_reason" text, "selected_at" datetime(6), "completion_summary" text, "cancel_reason" varchar(500), "created_by" integer NOT NULL, "status_changed_at" datetime(6) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_9fdb02d0d31d278d8d704163b80" FOREIGN KEY ("community_id") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_service_project"("id", "community_id", "topic_id", "title", "demand", "status", "goals", "service_content", "beneficiaries", "budget_fen", "start_date", "end_date", "filed_at", "filing_decided_at", "filing_decided_by", "filing_note", "return_reason", "call_deadline", "call_requirements", "selected_application_id", "selection_reason", "selected_at", "completion_summary", "cancel_reason", "created_by", "status_changed_at", "created_at", "updated_at") SELECT "id", "community_id", "topic_id", "title", "demand", "status", "goals", "service_content", "beneficiaries", "budget_fen", "start_date", "end_date", "filed_at", "filing_decided_at", "filing_decided_by", "filing_note", "return_reason", "call_deadline", "call_requirements", "selected_application_id", "selection_reason", "selected_at", "completion_summary", "cancel_reason", "created_by", "status_changed_at", "created_at", "updated_at" FROM "service_project"',
    );
    await queryRunner.query('DROP TABLE "service_project"');
    await queryRunner.query('ALTER TABLE "temporary_service_project" RENAME TO "service_project"');
    await queryRunner.query('CREATE INDEX "ix_project_topic" ON "service_project" ("topic_id") ');
    await queryRunner.query('CREATE INDEX "ix_project_status" ON "service_project" ("status", "id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_project_community" ON "service_project" ("community_id", "status", "id") ',
    );
    await queryRunner.query('DROP INDEX "ix_project_application_user"');
    await queryRunner.query('DROP INDEX "uq_project_application"');
    await queryRunner.query(
      'CREATE TABLE "temporary_project_application" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "applicant_user_id" integer NOT NULL, "applicant_key" varchar(120) NOT NULL, "party_id" integer, "organisation" varchar(100) NOT NULL, "proposal" text NOT NULL, "team" text NOT NULL, "budget_fen" integer NOT NULL, "attachments_json" text NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_a2478290efc72f86f8f1a1ccd09" FOREIGN KEY ("project_id") REFERENCES "service_project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_project_application"("id", "project_id", "applicant_user_id", "applicant_key", "party_id", "organisation", "proposal", "team", "budget_fen", "attachments_json", "status", "created_at") SELECT "id", "project_id", "applicant_user_id", "applicant_key", "party_id", "organisation", "proposal", "team", "budget_fen", "attachments_json", "status", "created_at" FROM "project_application"',
    );
    await queryRunner.query('DROP TABLE "project_application"');
    await queryRunner.query('ALTER TABLE "temporary_project_application" RENAME TO "project_application"');
    await queryRunner.query(
      'CREATE INDEX "ix_project_application_user" ON "project_application" ("applicant_user_id", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_project_application" ON "project_application" ("project_id", "applicant_key") ',
    );
    await queryRunner.query('DROP INDEX "ix_project_supervisor"');
    await queryRunner.query(
      'CREATE TABLE "temporary_project_supervisor" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "user_id" integer NOT NULL, "appointed_by" integer NOT NULL, "ended_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_4350d757619963187bb8a1dc9ef" FOREIGN KEY ("project_id") REFERENCES "service_project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_project_supervisor"("id", "project_id", "user_id", "appointed_by", "ended_at", "created_at") SELECT "id", "project_id", "user_id", "appointed_by", "ended_at", "created_at" FROM "project_supervisor"',
    );
    await queryRunner.query('DROP TABLE "project_supervisor"');
    await queryRunner.query('ALTER TABLE "temporary_project_supervisor" RENAME TO "project_supervisor"');
    await queryRunner.query('CREATE INDEX "ix_project_supervisor" ON "project_supervisor" ("project_id", "user_id") ');
    await queryRunner.query('DROP INDEX "ix_project_event"');
    await queryRunner.query(
      'CREATE TABLE "temporary_project_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "action" varchar(24) NOT NULL, "from_status" varchar(16), "to_status" varchar(16), "actor_id" integer, "actor_role" varchar(24) NOT NULL, "organisation" varchar(100), "note" text, "photos_json" text, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_1acd49947cf4fcdda4d10b5baf9" FOREIGN KEY ("project_id") REFERENCES "service_project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_project_event"("id", "project_id", "action", "from_status", "to_status", "actor_id", "actor_role", "organisation", "note", "photos_json", "created_at") SELECT "id", "project_id", "action", "from_status", "to_status", "actor_id", "actor_role", "organisation", "note", "photos_json", "created_at" FROM "project_event"',
    );
    await queryRunner.query('DROP TABLE "project_event"');
    await queryRunner.query('ALTER TABLE "temporary_project_event" RENAME TO "project_event"');
    await queryRunner.query('CREATE INDEX "ix_project_event" ON "project_event" ("project_id", "id") ');
    await queryRunner.query('DROP INDEX "uq_project_evaluation"');
    await queryRunner.query(
      'CREATE TABLE "temporary_project_evaluation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "evaluator" varchar(100) NOT NULL, "score" integer NOT NULL, "summary" varchar(500) NOT NULL, "report" text NOT NULL, "attachment_upload_id" integer, "recorded_by" integer NOT NULL, "recorded_role" varchar(24) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_4497e12ad191a7db7005154e30c" FOREIGN KEY ("project_id") REFERENCES "service_project" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_project_evaluation"("id", "project_id", "evaluator", "score", "summary", "report", "attachment_upload_id", "recorded_by", "recorded_role", "created_at") SELECT "id", "project_id", "evaluator", "score", "summary", "report", "attachment_upload_id", "recorded_by", "recorded_role", "created_at" FROM "project_evaluation"',
    );
    await queryRunner.query('DROP TABLE "project_evaluation"');
    await queryRunner.query('ALTER TABLE "temporary_project_evaluation" RENAME TO "project_evaluation"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_project_evaluation" ON "project_evaluation" ("project_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_project_evaluation"');
    await queryRunner.query('ALTER TABLE "project_evaluation" RENAME TO "temporary_project_evaluation"');
    await queryRunner.query(
      'CREATE TABLE "project_evaluation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "evaluator" varchar(100) NOT NULL, "score" integer NOT NULL, "summary" varchar(500) NOT NULL, "report" text NOT NULL, "attachment_upload_id" integer, "recorded_by" integer NOT NULL, "recorded_role" varchar(24) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "project_evaluation"("id", "project_id", "evaluator", "score", "summary", "report", "attachment_upload_id", "recorded_by", "recorded_role", "created_at") SELECT "id", "project_id", "evaluator", "score", "summary", "report", "attachment_upload_id", "recorded_by", "recorded_role", "created_at" FROM "temporary_project_evaluation"',
    );
    await queryRunner.query('DROP TABLE "temporary_project_evaluation"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_project_evaluation" ON "project_evaluation" ("project_id") ');
    await queryRunner.query('DROP INDEX "ix_project_event"');
    await queryRunner.query('ALTER TABLE "project_event" RENAME TO "temporary_project_event"');
    await queryRunner.query(
      'CREATE TABLE "project_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "action" varchar(24) NOT NULL, "from_status" varchar(16), "to_status" varchar(16), "actor_id" integer, "actor_role" varchar(24) NOT NULL, "organisation" varchar(100), "note" text, "photos_json" text, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "project_event"("id", "project_id", "action", "from_status", "to_status", "actor_id", "actor_role", "organisation", "note", "photos_json", "created_at") SELECT "id", "project_id", "action", "from_status", "to_status", "actor_id", "actor_role", "organisation", "note", "photos_json", "created_at" FROM "temporary_project_event"',
    );
    await queryRunner.query('DROP TABLE "temporary_project_event"');
    await queryRunner.query('CREATE INDEX "ix_project_event" ON "project_event" ("project_id", "id") ');
    await queryRunner.query('DROP INDEX "ix_project_supervisor"');
    await queryRunner.query('ALTER TABLE "project_supervisor" RENAME TO "temporary_project_supervisor"');
    await queryRunner.query(
      'CREATE TABLE "project_supervisor" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "user_id" integer NOT NULL, "appointed_by" integer NOT NULL, "ended_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "project_supervisor"("id", "project_id", "user_id", "appointed_by", "ended_at", "created_at") SELECT "id", "project_id", "user_id", "appointed_by", "ended_at", "created_at" FROM "temporary_project_supervisor"',
    );
    await queryRunner.query('DROP TABLE "temporary_project_supervisor"');
    await queryRunner.query('CREATE INDEX "ix_project_supervisor" ON "project_supervisor" ("project_id", "user_id") ');
    await queryRunner.query('DROP INDEX "uq_project_application"');
    await queryRunner.query('DROP INDEX "ix_project_application_user"');
    await queryRunner.query('ALTER TABLE "project_application" RENAME TO "temporary_project_application"');
    await queryRunner.query(
      'CREATE TABLE "project_application" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "applicant_user_id" integer NOT NULL, "applicant_key" varchar(120) NOT NULL, "party_id" integer, "organisation" varchar(100) NOT NULL, "proposal" text NOT NULL, "team" text NOT NULL, "budget_fen" integer NOT NULL, "attachments_json" text NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "project_application"("id", "project_id", "applicant_user_id", "applicant_key", "party_id", "organisation", "proposal", "team", "budget_fen", "attachments_json", "status", "created_at") SELECT "id", "project_id", "applicant_user_id", "applicant_key", "party_id", "organisation", "proposal", "team", "budget_fen", "attachments_json", "status", "created_at" FROM "temporary_project_application"',
    );
    await queryRunner.query('DROP TABLE "temporary_project_application"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_project_application" ON "project_application" ("project_id", "applicant_key") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_project_application_user" ON "project_application" ("applicant_user_id", "id") ',
    );
    await queryRunner.query('DROP INDEX "ix_project_community"');
    await queryRunner.query('DROP INDEX "ix_project_status"');
    await queryRunner.query('DROP INDEX "ix_project_topic"');
    await queryRunner.query('ALTER TABLE "service_project" RENAME TO "temporary_service_project"');
    await queryRunner.query(
      'CREATE TABLE "service_project" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "topic_id" integer, "title" varchar(60) NOT NULL, "demand" text NOT NULL, "status" varchar(16) NOT NULL, "goals" text, "service_content" text, "beneficiaries" varchar(200), "budget_fen" integer, "start_date" varchar(10), "end_date" varchar(10), "filed_at" datetime(6), "filing_decided_at" datetime(6), "filing_decided_by" integer, "filing_note" varchar(500), "return_reason" varchar(500), "call_deadline" varchar(10), "call_requirements" text, "selected_application_id" integer, "selection_reason" text, "selected_at" datetime(6), "completion_summary" text, "cancel_reason" varchar(500), "created_by" integer NOT NULL, "status_changed_at" datetime(6) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "service_project"("id", "community_id", "topic_id", "title", "demand", "status", "goals", "service_content", "beneficiaries", "budget_fen", "start_date", "end_date", "filed_at", "filing_decided_at", "filing_decided_by", "filing_note", "return_reason", "call_deadline", "call_requirements", "selected_application_id", "selection_reason", "selected_at", "completion_summary", "cancel_reason", "created_by", "status_changed_at", "created_at", "updated_at") SELECT "id", "community_id", "topic_id", "title", "demand", "status", "goals", "service_content", "beneficiaries", "budget_fen", "start_date", "end_date", "filed_at", "filing_decided_at", "filing_decided_by", "filing_note", "return_reason", "call_deadline", "call_requirements", "selected_application_id", "selection_reason", "selected_at", "completion_summary", "cancel_reason", "created_by", "status_changed_at", "created_at", "updated_at" FROM "temporary_service_project"',
    );
    await queryRunner.query('DROP TABLE "temporary_service_project"');
    await queryRunner.query(
      'CREATE INDEX "ix_project_community" ON "service_project" ("community_id", "status", "id") ',
    );
    await queryRunner.query('CREATE INDEX "ix_project_status" ON "service_project" ("status", "id") ');
    await queryRunner.query('CREATE INDEX "ix_project_topic" ON "service_project" ("topic_id") ');
    await queryRunner.query('DROP INDEX "uq_project_evaluation"');
    await queryRunner.query('DROP TABLE "project_evaluation"');
    await queryRunner.query('DROP INDEX "ix_project_event"');
    await queryRunner.query('DROP TABLE "project_event"');
    await queryRunner.query('DROP INDEX "ix_project_supervisor"');
    await queryRunner.query('DROP TABLE "project_supervisor"');
    await queryRunner.query('DROP INDEX "uq_project_application"');
    await queryRunner.query('DROP INDEX "ix_project_application_user"');
    await queryRunner.query('DROP TABLE "project_application"');
    await queryRunner.query('DROP INDEX "ix_project_community"');
    await queryRunner.query('DROP INDEX "ix_project_status"');
    await queryRunner.query('DROP INDEX "ix_project_topic"');
    await queryRunner.query('DROP TABLE "service_project"');
  }
}
