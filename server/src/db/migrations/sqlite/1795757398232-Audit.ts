import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Audit1795757398232 implements MigrationInterface {
  name = 'Audit1795757398232';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer, "actor_id" integer, "actor_role" varchar(24) NOT NULL, "action" varchar(48) NOT NULL, "object_type" varchar(24) NOT NULL, "object_id" integer, "summary" varchar(200) NOT NULL, "data_json" text, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_audit_object" ON "audit_entry" ("object_type", "object_id", "id") ');
    await queryRunner.query('CREATE INDEX "ix_audit_community" ON "audit_entry" ("community_id", "id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_audit_community"');
    await queryRunner.query('DROP INDEX "ix_audit_object"');
    await queryRunner.query('DROP TABLE "audit_entry"');
  }
}
