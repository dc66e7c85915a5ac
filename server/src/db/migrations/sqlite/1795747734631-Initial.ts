import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795747734631 implements MigrationInterface {
  name = 'Initial1795747734631';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "app_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "wechat_openid" varchar(64), "wechat_unionid" varchar(64), "persona_key" varchar(40), "nickname" varchar(50) NOT NULL, "real_name" varchar(50), "phone" varchar(20), "status" varchar(12) NOT NULL DEFAULT (\'active\'), "token_version" integer NOT NULL DEFAULT (0), "privacy_accepted_at" datetime(6), "privacy_version" varchar(16), "large_text" boolean NOT NULL DEFAULT (0), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_user_openid" ON "app_user" ("wechat_openid") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_user_persona" ON "app_user" ("persona_key") ');
    await queryRunner.query(
      'CREATE TABLE "wechat_session" ("user_id" integer PRIMARY KEY NOT NULL, "session_key" varchar(64) NOT NULL, "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE TABLE "invite_code" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code_hash" varchar(64) NOT NULL, "role" varchar(30) NOT NULL, "scope_type" varchar(16) NOT NULL, "scope_id" integer NOT NULL, "expires_at" datetime(6) NOT NULL, "redeemed_by" integer, "redeemed_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_invite_code_hash" ON "invite_code" ("code_hash") ');
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
      'CREATE TABLE "building" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "estate_id" integer NOT NULL, "name" varchar(40) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_building_estate_name" ON "building" ("estate_id", "name") ');
    await queryRunner.query(
      'CREATE TABLE "unit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "building_id" integer NOT NULL, "estate_id" integer NOT NULL, "community_id" integer NOT NULL, "label" varchar(40) NOT NULL, "area_centi_m2" integer NOT NULL, "area_source" varchar(12) NOT NULL, "developer_held" boolean NOT NULL DEFAULT (0), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_unit_community" ON "unit" ("community_id") ');
    await queryRunner.query('CREATE INDEX "ix_unit_estate" ON "unit" ("estate_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_unit_building_label" ON "unit" ("building_id", "label") ');
    await queryRunner.query(
      'CREATE TABLE "roster_owner" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "unit_id" integer NOT NULL, "community_id" integer NOT NULL, "name" varchar(50) NOT NULL, "phone" varchar(20), "owner_ref" varchar(40), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_roster_owner_community" ON "roster_owner" ("community_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_roster_owner_unit_name" ON "roster_owner" ("unit_id", "name") ');
    await queryRunner.query(
      'CREATE TABLE "membership" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "community_id" integer NOT NULL, "status" varchar(12) NOT NULL DEFAULT (\'active\'), "suspended_reason" varchar(200), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_membership_community" ON "membership" ("community_id", "status") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_membership_user_community" ON "membership" ("user_id", "community_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "role_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "role" varchar(30) NOT NULL, "scope_type" varchar(16) NOT NULL, "scope_id" integer NOT NULL, "organisation" varchar(100), "granted_by" integer, "revoked_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_role_grant_scope" ON "role_grant" ("scope_type", "scope_id", "role") ');
    await queryRunner.query('CREATE INDEX "ix_role_grant_user" ON "role_grant" ("user_id") ');
    await queryRunner.query(
      'CREATE TABLE "unit_claim" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "unit_id" integer NOT NULL, "community_id" integer NOT NULL, "estate_id" integer NOT NULL, "relation" varchar(12) NOT NULL, "status" varchar(12) NOT NULL, "claimed_name" varchar(50) NOT NULL, "roster_matched" boolean NOT NULL DEFAULT (0), "evidence_upload_id" integer, "open_key" varchar(40), "decided_by" integer, "decided_at" datetime(6), "reject_reason" varchar(200), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_unit_claim_open" ON "unit_claim" ("open_key") ');
    await queryRunner.query('CREATE INDEX "ix_unit_claim_unit" ON "unit_claim" ("unit_id", "status") ');
    await queryRunner.query(
      'CREATE INDEX "ix_unit_claim_community_status" ON "unit_claim" ("community_id", "status") ',
    );
    await queryRunner.query('CREATE INDEX "ix_unit_claim_user" ON "unit_claim" ("user_id") ');
    await queryRunner.query(
      'CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "kind" varchar(40) NOT NULL, "title" varchar(100) NOT NULL, "body" varchar(500) NOT NULL, "link" varchar(200), "read_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_notification_user" ON "notification" ("user_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "upload" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "owner_user_id" integer NOT NULL, "purpose" varchar(24) NOT NULL, "storage_key" varchar(200) NOT NULL, "content_type" varchar(60) NOT NULL, "size_bytes" integer NOT NULL, "sha256" varchar(64) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_upload_storage_key" ON "upload" ("storage_key") ');
    await queryRunner.query('CREATE INDEX "ix_upload_owner" ON "upload" ("owner_user_id") ');
    await queryRunner.query(
      'CREATE TABLE "app_meta" ("key" varchar(100) PRIMARY KEY NOT NULL, "value" text NOT NULL, "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE TABLE "temporary_wechat_session" ("user_id" integer PRIMARY KEY NOT NULL, "session_key" varchar(64) NOT NULL, "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_e035d9db5bc7a7975d146ed646f" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_wechat_session"("user_id", "session_key", "updated_at") SELECT "user_id", "session_key", "updated_at" FROM "wechat_session"',
    );
    await queryRunner.query('DROP TABLE "wechat_session"');
    await queryRunner.query('ALTER TABLE "temporary_wechat_session" RENAME TO "wechat_session"');
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
    await queryRunner.query('DROP INDEX "uq_building_estate_name"');
    await queryRunner.query(
      'CREATE TABLE "temporary_building" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "estate_id" integer NOT NULL, "name" varchar(40) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_ea3df287c680792054ef14a28c5" FOREIGN KEY ("estate_id") REFERENCES "estate" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_building"("id", "estate_id", "name", "created_at") SELECT "id", "estate_id", "name", "created_at" FROM "building"',
    );
    await queryRunner.query('DROP TABLE "building"');
    await queryRunner.query('ALTER TABLE "temporary_building" RENAME TO "building"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_building_estate_name" ON "building" ("estate_id", "name") ');
    await queryRunner.query('DROP INDEX "ix_unit_community"');
    await queryRunner.query('DROP INDEX "ix_unit_estate"');
    await queryRunner.query('DROP INDEX "uq_unit_building_label"');
    await queryRunner.query(
      'CREATE TABLE "temporary_unit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "building_id" integer NOT NULL, "estate_id" integer NOT NULL, "community_id" integer NOT NULL, "label" varchar(40) NOT NULL, "area_centi_m2" integer NOT NULL, "area_source" varchar(12) NOT NULL, "developer_held" boolean NOT NULL DEFAULT (0), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_10957865e0fd42ab859753f882e" FOREIGN KEY ("building_id") REFERENCES "building" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_unit"("id", "building_id", "estate_id", "community_id", "label", "area_centi_m2", "area_source", "developer_held", "created_at", "updated_at") SELECT "id", "building_id", "estate_id", "community_id", "label", "area_centi_m2", "area_source", "developer_held", "created_at", "updated_at" FROM "unit"',
    );
    await queryRunner.query('DROP TABLE "unit"');
    await queryRunner.query('ALTER TABLE "temporary_unit" RENAME TO "unit"');
    await queryRunner.query('CREATE INDEX "ix_unit_community" ON "unit" ("community_id") ');
    await queryRunner.query('CREATE INDEX "ix_unit_estate" ON "unit" ("estate_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_unit_building_label" ON "unit" ("building_id", "label") ');
    await queryRunner.query('DROP INDEX "ix_roster_owner_community"');
    await queryRunner.query('DROP INDEX "uq_roster_owner_unit_name"');
    await queryRunner.query(
      'CREATE TABLE "temporary_roster_owner" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "unit_id" integer NOT NULL, "community_id" integer NOT NULL, "name" varchar(50) NOT NULL, "phone" varchar(20), "owner_ref" varchar(40), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_f3912d9db4ca0b4db404e10f0c9" FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_roster_owner"("id", "unit_id", "community_id", "name", "phone", "owner_ref", "created_at") SELECT "id", "unit_id", "community_id", "name", "phone", "owner_ref", "created_at" FROM "roster_owner"',
    );
    await queryRunner.query('DROP TABLE "roster_owner"');
    await queryRunner.query('ALTER TABLE "temporary_roster_owner" RENAME TO "roster_owner"');
    await queryRunner.query('CREATE INDEX "ix_roster_owner_community" ON "roster_owner" ("community_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_roster_owner_unit_name" ON "roster_owner" ("unit_id", "name") ');
    await queryRunner.query('DROP INDEX "ix_membership_community"');
    await queryRunner.query('DROP INDEX "uq_membership_user_community"');
    await queryRunner.query(
      'CREATE TABLE "temporary_membership" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "community_id" integer NOT NULL, "status" varchar(12) NOT NULL DEFAULT (\'active\'), "suspended_reason" varchar(200), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_6d897edea62d1017d0e0901368a" FOREIGN KEY ("community_id") REFERENCES "community" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_membership"("id", "user_id", "community_id", "status", "suspended_reason", "created_at", "updated_at") SELECT "id", "user_id", "community_id", "status", "suspended_reason", "created_at", "updated_at" FROM "membership"',
    );
    await queryRunner.query('DROP TABLE "membership"');
    await queryRunner.query('ALTER TABLE "temporary_membership" RENAME TO "membership"');
    await queryRunner.query('CREATE INDEX "ix_membership_community" ON "membership" ("community_id", "status") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_membership_user_community" ON "membership" ("user_id", "community_id") ',
    );
    await queryRunner.query('DROP INDEX "ix_role_grant_scope"');
    await queryRunner.query('DROP INDEX "ix_role_grant_user"');
    await queryRunner.query(
      'CREATE TABLE "temporary_role_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "role" varchar(30) NOT NULL, "scope_type" varchar(16) NOT NULL, "scope_id" integer NOT NULL, "organisation" varchar(100), "granted_by" integer, "revoked_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_cbca8b01eca20fa033ef14946b2" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_role_grant"("id", "user_id", "role", "scope_type", "scope_id", "organisation", "granted_by", "revoked_at", "created_at") SELECT "id", "user_id", "role", "scope_type", "scope_id", "organisation", "granted_by", "revoked_at", "created_at" FROM "role_grant"',
    );
    await queryRunner.query('DROP TABLE "role_grant"');
    await queryRunner.query('ALTER TABLE "temporary_role_grant" RENAME TO "role_grant"');
    await queryRunner.query('CREATE INDEX "ix_role_grant_scope" ON "role_grant" ("scope_type", "scope_id", "role") ');
    await queryRunner.query('CREATE INDEX "ix_role_grant_user" ON "role_grant" ("user_id") ');
    await queryRunner.query('DROP INDEX "uq_unit_claim_open"');
    await queryRunner.query('DROP INDEX "ix_unit_claim_unit"');
    await queryRunner.query('DROP INDEX "ix_unit_claim_community_status"');
    await queryRunner.query('DROP INDEX "ix_unit_claim_user"');
    await queryRunner.query(
      'CREATE TABLE "temporary_unit_claim" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "unit_id" integer NOT NULL, "community_id" integer NOT NULL, "estate_id" integer NOT NULL, "relation" varchar(12) NOT NULL, "status" varchar(12) NOT NULL, "claimed_name" varchar(50) NOT NULL, "roster_matched" boolean NOT NULL DEFAULT (0), "evidence_upload_id" integer, "open_key" varchar(40), "decided_by" integer, "decided_at" datetime(6), "reject_reason" varchar(200), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "FK_c9cb3e92292b99fdae401b81e37" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_387ba03fb7727e68e68be6e9c28" FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_unit_claim"("id", "user_id", "unit_id", "community_id", "estate_id", "relation", "status", "claimed_name", "roster_matched", "evidence_upload_id", "open_key", "decided_by", "decided_at", "reject_reason", "created_at", "updated_at") SELECT "id", "user_id", "unit_id", "community_id", "estate_id", "relation", "status", "claimed_name", "roster_matched", "evidence_upload_id", "open_key", "decided_by", "decided_at", "reject_reason", "created_at", "updated_at" FROM "unit_claim"',
    );
    await queryRunner.query('DROP TABLE "unit_claim"');
    await queryRunner.query('ALTER TABLE "temporary_unit_claim" RENAME TO "unit_claim"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_unit_claim_open" ON "unit_claim" ("open_key") ');
    await queryRunner.query('CREATE INDEX "ix_unit_claim_unit" ON "unit_claim" ("unit_id", "status") ');
    await queryRunner.query(
      'CREATE INDEX "ix_unit_claim_community_status" ON "unit_claim" ("community_id", "status") ',
    );
    await queryRunner.query('CREATE INDEX "ix_unit_claim_user" ON "unit_claim" ("user_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_unit_claim_user"');
    await queryRunner.query('DROP INDEX "ix_unit_claim_community_status"');
    await queryRunner.query('DROP INDEX "ix_unit_claim_unit"');
    await queryRunner.query('DROP INDEX "uq_unit_claim_open"');
    await queryRunner.query('ALTER TABLE "unit_claim" RENAME TO "temporary_unit_claim"');
    await queryRunner.query(
      'CREATE TABLE "unit_claim" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "unit_id" integer NOT NULL, "community_id" integer NOT NULL, "estate_id" integer NOT NULL, "relation" varchar(12) NOT NULL, "status" varchar(12) NOT NULL, "claimed_name" varchar(50) NOT NULL, "roster_matched" boolean NOT NULL DEFAULT (0), "evidence_upload_id" integer, "open_key" varchar(40), "decided_by" integer, "decided_at" datetime(6), "reject_reason" varchar(200), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "unit_claim"("id", "user_id", "unit_id", "community_id", "estate_id", "relation", "status", "claimed_name", "roster_matched", "evidence_upload_id", "open_key", "decided_by", "decided_at", "reject_reason", "created_at", "updated_at") SELECT "id", "user_id", "unit_id", "community_id", "estate_id", "relation", "status", "claimed_name", "roster_matched", "evidence_upload_id", "open_key", "decided_by", "decided_at", "reject_reason", "created_at", "updated_at" FROM "temporary_unit_claim"',
    );
    await queryRunner.query('DROP TABLE "temporary_unit_claim"');
    await queryRunner.query('CREATE INDEX "ix_unit_claim_user" ON "unit_claim" ("user_id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_unit_claim_community_status" ON "unit_claim" ("community_id", "status") ',
    );
    await queryRunner.query('CREATE INDEX "ix_unit_claim_unit" ON "unit_claim" ("unit_id", "status") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_unit_claim_open" ON "unit_claim" ("open_key") ');
    await queryRunner.query('DROP INDEX "ix_role_grant_user"');
    await queryRunner.query('DROP INDEX "ix_role_grant_scope"');
    await queryRunner.query('ALTER TABLE "role_grant" RENAME TO "temporary_role_grant"');
    await queryRunner.query(
      'CREATE TABLE "role_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "role" varchar(30) NOT NULL, "scope_type" varchar(16) NOT NULL, "scope_id" integer NOT NULL, "organisation" varchar(100), "granted_by" integer, "revoked_at" datetime(6), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "role_grant"("id", "user_id", "role", "scope_type", "scope_id", "organisation", "granted_by", "revoked_at", "created_at") SELECT "id", "user_id", "role", "scope_type", "scope_id", "organisation", "granted_by", "revoked_at", "created_at" FROM "temporary_role_grant"',
    );
    await queryRunner.query('DROP TABLE "temporary_role_grant"');
    await queryRunner.query('CREATE INDEX "ix_role_grant_user" ON "role_grant" ("user_id") ');
    await queryRunner.query('CREATE INDEX "ix_role_grant_scope" ON "role_grant" ("scope_type", "scope_id", "role") ');
    await queryRunner.query('DROP INDEX "uq_membership_user_community"');
    await queryRunner.query('DROP INDEX "ix_membership_community"');
    await queryRunner.query('ALTER TABLE "membership" RENAME TO "temporary_membership"');
    await queryRunner.query(
      'CREATE TABLE "membership" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "community_id" integer NOT NULL, "status" varchar(12) NOT NULL DEFAULT (\'active\'), "suspended_reason" varchar(200), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "membership"("id", "user_id", "community_id", "status", "suspended_reason", "created_at", "updated_at") SELECT "id", "user_id", "community_id", "status", "suspended_reason", "created_at", "updated_at" FROM "temporary_membership"',
    );
    await queryRunner.query('DROP TABLE "temporary_membership"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_membership_user_community" ON "membership" ("user_id", "community_id") ',
    );
    await queryRunner.query('CREATE INDEX "ix_membership_community" ON "membership" ("community_id", "status") ');
    await queryRunner.query('DROP INDEX "uq_roster_owner_unit_name"');
    await queryRunner.query('DROP INDEX "ix_roster_owner_community"');
    await queryRunner.query('ALTER TABLE "roster_owner" RENAME TO "temporary_roster_owner"');
    await queryRunner.query(
      'CREATE TABLE "roster_owner" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "unit_id" integer NOT NULL, "community_id" integer NOT NULL, "name" varchar(50) NOT NULL, "phone" varchar(20), "owner_ref" varchar(40), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "roster_owner"("id", "unit_id", "community_id", "name", "phone", "owner_ref", "created_at") SELECT "id", "unit_id", "community_id", "name", "phone", "owner_ref", "created_at" FROM "temporary_roster_owner"',
    );
    await queryRunner.query('DROP TABLE "temporary_roster_owner"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_roster_owner_unit_name" ON "roster_owner" ("unit_id", "name") ');
    await queryRunner.query('CREATE INDEX "ix_roster_owner_community" ON "roster_owner" ("community_id") ');
    await queryRunner.query('DROP INDEX "uq_unit_building_label"');
    await queryRunner.query('DROP INDEX "ix_unit_estate"');
    await queryRunner.query('DROP INDEX "ix_unit_community"');
    await queryRunner.query('ALTER TABLE "unit" RENAME TO "temporary_unit"');
    await queryRunner.query(
      'CREATE TABLE "unit" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "building_id" integer NOT NULL, "estate_id" integer NOT NULL, "community_id" integer NOT NULL, "label" varchar(40) NOT NULL, "area_centi_m2" integer NOT NULL, "area_source" varchar(12) NOT NULL, "developer_held" boolean NOT NULL DEFAULT (0), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "unit"("id", "building_id", "estate_id", "community_id", "label", "area_centi_m2", "area_source", "developer_held", "created_at", "updated_at") SELECT "id", "building_id", "estate_id", "community_id", "label", "area_centi_m2", "area_source", "developer_held", "created_at", "updated_at" FROM "temporary_unit"',
    );
    await queryRunner.query('DROP TABLE "temporary_unit"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_unit_building_label" ON "unit" ("building_id", "label") ');
    await queryRunner.query('CREATE INDEX "ix_unit_estate" ON "unit" ("estate_id") ');
    await queryRunner.query('CREATE INDEX "ix_unit_community" ON "unit" ("community_id") ');
    await queryRunner.query('DROP INDEX "uq_building_estate_name"');
    await queryRunner.query('ALTER TABLE "building" RENAME TO "temporary_building"');
    await queryRunner.query(
      'CREATE TABLE "building" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "estate_id" integer NOT NULL, "name" varchar(40) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "building"("id", "estate_id", "name", "created_at") SELECT "id", "estate_id", "name", "created_at" FROM "temporary_building"',
    );
    await queryRunner.query('DROP TABLE "temporary_building"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_building_estate_name" ON "building" ("estate_id", "name") ');
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
    await queryRunner.query('ALTER TABLE "wechat_session" RENAME TO "temporary_wechat_session"');
    await queryRunner.query(
      'CREATE TABLE "wechat_session" ("user_id" integer PRIMARY KEY NOT NULL, "session_key" varchar(64) NOT NULL, "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "wechat_session"("user_id", "session_key", "updated_at") SELECT "user_id", "session_key", "updated_at" FROM "temporary_wechat_session"',
    );
    await queryRunner.query('DROP TABLE "temporary_wechat_session"');
    await queryRunner.query('DROP TABLE "app_meta"');
    await queryRunner.query('DROP INDEX "ix_upload_owner"');
    await queryRunner.query('DROP INDEX "uq_upload_storage_key"');
    await queryRunner.query('DROP TABLE "upload"');
    await queryRunner.query('DROP INDEX "ix_notification_user"');
    await queryRunner.query('DROP TABLE "notification"');
    await queryRunner.query('DROP INDEX "ix_unit_claim_user"');
    await queryRunner.query('DROP INDEX "ix_unit_claim_community_status"');
    await queryRunner.query('DROP INDEX "ix_unit_claim_unit"');
    await queryRunner.query('DROP INDEX "uq_unit_claim_open"');
    await queryRunner.query('DROP TABLE "unit_claim"');
    await queryRunner.query('DROP INDEX "ix_role_grant_user"');
    await queryRunner.query('DROP INDEX "ix_role_grant_scope"');
    await queryRunner.query('DROP TABLE "role_grant"');
    await queryRunner.query('DROP INDEX "uq_membership_user_community"');
    await queryRunner.query('DROP INDEX "ix_membership_community"');
    await queryRunner.query('DROP TABLE "membership"');
    await queryRunner.query('DROP INDEX "uq_roster_owner_unit_name"');
    await queryRunner.query('DROP INDEX "ix_roster_owner_community"');
    await queryRunner.query('DROP TABLE "roster_owner"');
    await queryRunner.query('DROP INDEX "uq_unit_building_label"');
    await queryRunner.query('DROP INDEX "ix_unit_estate"');
    await queryRunner.query('DROP INDEX "ix_unit_community"');
    await queryRunner.query('DROP TABLE "unit"');
    await queryRunner.query('DROP INDEX "uq_building_estate_name"');
    await queryRunner.query('DROP TABLE "building"');
    await queryRunner.query('DROP INDEX "uq_estate_community_name"');
    await queryRunner.query('DROP TABLE "estate"');
    await queryRunner.query('DROP INDEX "uq_community_code"');
    await queryRunner.query('DROP TABLE "community"');
    await queryRunner.query('DROP INDEX "uq_sub_district_code"');
    await queryRunner.query('DROP TABLE "sub_district"');
    await queryRunner.query('DROP INDEX "uq_invite_code_hash"');
    await queryRunner.query('DROP TABLE "invite_code"');
    await queryRunner.query('DROP TABLE "wechat_session"');
    await queryRunner.query('DROP INDEX "uq_user_persona"');
    await queryRunner.query('DROP INDEX "uq_user_openid"');
    await queryRunner.query('DROP TABLE "app_user"');
  }
}
