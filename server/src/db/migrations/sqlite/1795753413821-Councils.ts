import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Councils1795753413821 implements MigrationInterface {
  name = 'Councils1795753413821';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "council" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "estate_id" integer, "name" varchar(60) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_council_community" ON "council" ("community_id") ');
    await queryRunner.query(
      'CREATE TABLE "seat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "council_id" integer NOT NULL, "user_id" integer NOT NULL, "party" varchar(24) NOT NULL, "organisation" varchar(100), "term_start" varchar(10) NOT NULL, "term_end" varchar(10) NOT NULL, "appointed_by" integer NOT NULL, "ended_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_seat_user" ON "seat" ("user_id") ');
    await queryRunner.query('CREATE INDEX "ix_seat_council" ON "seat" ("council_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_seat_council"');
    await queryRunner.query('DROP INDEX "ix_seat_user"');
    await queryRunner.query('DROP TABLE "seat"');
    await queryRunner.query('DROP INDEX "ix_council_community"');
    await queryRunner.query('DROP TABLE "council"');
  }
}
