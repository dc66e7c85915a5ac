import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795746670395 implements MigrationInterface {
  name = 'Initial1795746670395';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "sub_district" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "code" varchar(40) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_sub_district_code" ON "sub_district" ("code") ');
    await queryRunner.query(
      'CREATE TABLE "community" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sub_district_id" integer NOT NULL, "name" varchar(100) NOT NULL, "code" varchar(40) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_community_code" ON "community" ("code") ');
    await queryRunner.query(
      'CREATE TABLE "estate" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(20) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_estate_community_name" ON "estate" ("community_id", "name") ');
    await queryRunner.query(
      'CREATE TABLE "app_meta" ("key" varchar(100) PRIMARY KEY NOT NULL, "value" text NOT NULL, "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('DROP INDEX "uq_community_code"');
    await queryRunner.query(
      'CREATE TABLE "temporary_community" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sub_district_id" integer NOT NULL, "name" varchar(100) NOT NULL, "code" varchar(40) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_f1f7559c568d8cb8cc76770cbaa" FOREIGN KEY ("sub_district_id") REFERENCES "sub_district" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_community"("id", "sub_district_id", "name", "code", "created_at") SELECT "id", "sub_district_id", "name", "code", "created_at" FROM "community"',
    );
    await queryRunner.query('DROP TABLE "community"');
    await queryRunner.query('ALTER TABLE "temporary_community" RENAME TO "community"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_community_code" ON "community" ("code") ');
    await queryRunner.query('DROP INDEX "uq_estate_community_name"');
    await queryRunner.query(
      'CREATE TABLE "temporary_estate" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(20) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_bfae8c06260d10baf31023e32de" FOREIGN KEY ("community_id") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_estate"("id", "community_id", "name", "kind", "created_at") SELECT "id", "community_id", "name", "kind", "created_at" FROM "estate"',
    );
    await queryRunner.query('DROP TABLE "estate"');
    await queryRunner.query('ALTER TABLE "temporary_estate" RENAME TO "estate"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_estate_community_name" ON "estate" ("community_id", "name") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_estate_community_name"');
    await queryRunner.query('ALTER TABLE "estate" RENAME TO "temporary_estate"');
    await queryRunner.query(
      'CREATE TABLE "estate" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(20) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "estate"("id", "community_id", "name", "kind", "created_at") SELECT "id", "community_id", "name", "kind", "created_at" FROM "temporary_estate"',
    );
    await queryRunner.query('DROP TABLE "temporary_estate"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_estate_community_name" ON "estate" ("community_id", "name") ');
    await queryRunner.query('DROP INDEX "uq_community_code"');
    await queryRunner.query('ALTER TABLE "community" RENAME TO "temporary_community"');
    await queryRunner.query(
      'CREATE TABLE "community" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "sub_district_id" integer NOT NULL, "name" varchar(100) NOT NULL, "code" varchar(40) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "community"("id", "sub_district_id", "name", "code", "created_at") SELECT "id", "sub_district_id", "name", "code", "created_at" FROM "temporary_community"',
    );
    await queryRunner.query('DROP TABLE "temporary_community"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_community_code" ON "community" ("code") ');
    await queryRunner.query('DROP TABLE "app_meta"');
    await queryRunner.query('DROP INDEX "uq_estate_community_name"');
    await queryRunner.query('DROP TABLE "estate"');
    await queryRunner.query('DROP INDEX "uq_community_code"');
    await queryRunner.query('DROP TABLE "community"');
    await queryRunner.query('DROP INDEX "uq_sub_district_code"');
    await queryRunner.query('DROP TABLE "sub_district"');
  }
}
