import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795747734679 implements MigrationInterface {
  name = 'Initial1795747734679';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `app_user` (`id` int NOT NULL AUTO_INCREMENT, `wechat_openid` varchar(64) NULL, `wechat_unionid` varchar(64) NULL, `persona_key` varchar(40) NULL, `nickname` varchar(50) NOT NULL, `real_name` varchar(50) NULL, `phone` varchar(20) NULL, `status` varchar(12) NOT NULL DEFAULT 'active', `token_version` int NOT NULL DEFAULT '0', `privacy_accepted_at` datetime(6) NULL, `privacy_version` varchar(16) NULL, `large_text` tinyint NOT NULL DEFAULT 0, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_user_openid` (`wechat_openid`), UNIQUE INDEX `uq_user_persona` (`persona_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `wechat_session` (`user_id` int NOT NULL, `session_key` varchar(64) NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`user_id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `invite_code` (`id` int NOT NULL AUTO_INCREMENT, `code_hash` varchar(64) NOT NULL, `role` varchar(30) NOT NULL, `scope_type` varchar(16) NOT NULL, `scope_id` int NOT NULL, `expires_at` datetime(6) NOT NULL, `redeemed_by` int NULL, `redeemed_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_invite_code_hash` (`code_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `sub_district` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(100) NOT NULL, `code` varchar(40) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_sub_district_code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `community` (`id` int NOT NULL AUTO_INCREMENT, `sub_district_id` int NOT NULL, `name` varchar(100) NOT NULL, `code` varchar(40) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_community_code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `estate` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NOT NULL, `name` varchar(100) NOT NULL, `kind` varchar(20) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_estate_community_name` (`community_id`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `building` (`id` int NOT NULL AUTO_INCREMENT, `estate_id` int NOT NULL, `name` varchar(40) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_building_estate_name` (`estate_id`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `unit` (`id` int NOT NULL AUTO_INCREMENT, `building_id` int NOT NULL, `estate_id` int NOT NULL, `community_id` int NOT NULL, `label` varchar(40) NOT NULL, `area_centi_m2` int NOT NULL, `area_source` varchar(12) NOT NULL, `developer_held` tinyint NOT NULL DEFAULT 0, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_unit_community` (`community_id`), INDEX `ix_unit_estate` (`estate_id`), UNIQUE INDEX `uq_unit_building_label` (`building_id`, `label`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `roster_owner` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `community_id` int NOT NULL, `name` varchar(50) NOT NULL, `phone` varchar(20) NULL, `owner_ref` varchar(40) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_roster_owner_community` (`community_id`), UNIQUE INDEX `uq_roster_owner_unit_name` (`unit_id`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `membership` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `community_id` int NOT NULL, `status` varchar(12) NOT NULL DEFAULT 'active', `suspended_reason` varchar(200) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_membership_community` (`community_id`, `status`), UNIQUE INDEX `uq_membership_user_community` (`user_id`, `community_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `role_grant` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `role` varchar(30) NOT NULL, `scope_type` varchar(16) NOT NULL, `scope_id` int NOT NULL, `organisation` varchar(100) NULL, `granted_by` int NULL, `revoked_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_role_grant_scope` (`scope_type`, `scope_id`, `role`), INDEX `ix_role_grant_user` (`user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `unit_claim` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `unit_id` int NOT NULL, `community_id` int NOT NULL, `estate_id` int NOT NULL, `relation` varchar(12) NOT NULL, `status` varchar(12) NOT NULL, `claimed_name` varchar(50) NOT NULL, `roster_matched` tinyint NOT NULL DEFAULT 0, `evidence_upload_id` int NULL, `open_key` varchar(40) NULL, `decided_by` int NULL, `decided_at` datetime(6) NULL, `reject_reason` varchar(200) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_unit_claim_open` (`open_key`), INDEX `ix_unit_claim_unit` (`unit_id`, `status`), INDEX `ix_unit_claim_community_status` (`community_id`, `status`), INDEX `ix_unit_claim_user` (`user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `notification` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `kind` varchar(40) NOT NULL, `title` varchar(100) NOT NULL, `body` varchar(500) NOT NULL, `link` varchar(200) NULL, `read_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_notification_user` (`user_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `upload` (`id` int NOT NULL AUTO_INCREMENT, `owner_user_id` int NOT NULL, `purpose` varchar(24) NOT NULL, `storage_key` varchar(200) NOT NULL, `content_type` varchar(60) NOT NULL, `size_bytes` int NOT NULL, `sha256` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_upload_storage_key` (`storage_key`), INDEX `ix_upload_owner` (`owner_user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `app_meta` (`key` varchar(100) NOT NULL, `value` text NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`key`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'ALTER TABLE `wechat_session` ADD CONSTRAINT `FK_e035d9db5bc7a7975d146ed646f` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `community` ADD CONSTRAINT `FK_f1f7559c568d8cb8cc76770cbaa` FOREIGN KEY (`sub_district_id`) REFERENCES `sub_district`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `estate` ADD CONSTRAINT `FK_bfae8c06260d10baf31023e32de` FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `building` ADD CONSTRAINT `FK_ea3df287c680792054ef14a28c5` FOREIGN KEY (`estate_id`) REFERENCES `estate`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `unit` ADD CONSTRAINT `FK_10957865e0fd42ab859753f882e` FOREIGN KEY (`building_id`) REFERENCES `building`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `roster_owner` ADD CONSTRAINT `FK_f3912d9db4ca0b4db404e10f0c9` FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `membership` ADD CONSTRAINT `FK_e9c72e8d29784031c96f5c6af8d` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `membership` ADD CONSTRAINT `FK_6d897edea62d1017d0e0901368a` FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `role_grant` ADD CONSTRAINT `FK_cbca8b01eca20fa033ef14946b2` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `unit_claim` ADD CONSTRAINT `FK_c9cb3e92292b99fdae401b81e37` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `unit_claim` ADD CONSTRAINT `FK_387ba03fb7727e68e68be6e9c28` FOREIGN KEY (`unit_id`) REFERENCES `unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `unit_claim` DROP FOREIGN KEY `FK_387ba03fb7727e68e68be6e9c28`');
    await queryRunner.query('ALTER TABLE `unit_claim` DROP FOREIGN KEY `FK_c9cb3e92292b99fdae401b81e37`');
    await queryRunner.query('ALTER TABLE `role_grant` DROP FOREIGN KEY `FK_cbca8b01eca20fa033ef14946b2`');
    await queryRunner.query('ALTER TABLE `membership` DROP FOREIGN KEY `FK_6d897edea62d1017d0e0901368a`');
    await queryRunner.query('ALTER TABLE `membership` DROP FOREIGN KEY `FK_e9c72e8d29784031c96f5c6af8d`');
    await queryRunner.query('ALTER TABLE `roster_owner` DROP FOREIGN KEY `FK_f3912d9db4ca0b4db404e10f0c9`');
    await queryRunner.query('ALTER TABLE `unit` DROP FOREIGN KEY `FK_10957865e0fd42ab859753f882e`');
    await queryRunner.query('ALTER TABLE `building` DROP FOREIGN KEY `FK_ea3df287c680792054ef14a28c5`');
    await queryRunner.query('ALTER TABLE `estate` DROP FOREIGN KEY `FK_bfae8c06260d10baf31023e32de`');
    await queryRunner.query('ALTER TABLE `community` DROP FOREIGN KEY `FK_f1f7559c568d8cb8cc76770cbaa`');
    await queryRunner.query('ALTER TABLE `wechat_session` DROP FOREIGN KEY `FK_e035d9db5bc7a7975d146ed646f`');
    await queryRunner.query('DROP TABLE `app_meta`');
    await queryRunner.query('DROP INDEX `ix_upload_owner` ON `upload`');
    await queryRunner.query('DROP INDEX `uq_upload_storage_key` ON `upload`');
    await queryRunner.query('DROP TABLE `upload`');
    await queryRunner.query('DROP INDEX `ix_notification_user` ON `notification`');
    await queryRunner.query('DROP TABLE `notification`');
    await queryRunner.query('DROP INDEX `ix_unit_claim_user` ON `unit_claim`');
    await queryRunner.query('DROP INDEX `ix_unit_claim_community_status` ON `unit_claim`');
    await queryRunner.query('DROP INDEX `ix_unit_claim_unit` ON `unit_claim`');
    await queryRunner.query('DROP INDEX `uq_unit_claim_open` ON `unit_claim`');
    await queryRunner.query('DROP TABLE `unit_claim`');
    await queryRunner.query('DROP INDEX `ix_role_grant_user` ON `role_grant`');
    await queryRunner.query('DROP INDEX `ix_role_grant_scope` ON `role_grant`');
    await queryRunner.query('DROP TABLE `role_grant`');
    await queryRunner.query('DROP INDEX `uq_membership_user_community` ON `membership`');
    await queryRunner.query('DROP INDEX `ix_membership_community` ON `membership`');
    await queryRunner.query('DROP TABLE `membership`');
    await queryRunner.query('DROP INDEX `uq_roster_owner_unit_name` ON `roster_owner`');
    await queryRunner.query('DROP INDEX `ix_roster_owner_community` ON `roster_owner`');
    await queryRunner.query('DROP TABLE `roster_owner`');
    await queryRunner.query('DROP INDEX `uq_unit_building_label` ON `unit`');
    await queryRunner.query('DROP INDEX `ix_unit_estate` ON `unit`');
    await queryRunner.query('DROP INDEX `ix_unit_community` ON `unit`');
    await queryRunner.query('DROP TABLE `unit`');
    await queryRunner.query('DROP INDEX `uq_building_estate_name` ON `building`');
    await queryRunner.query('DROP TABLE `building`');
    await queryRunner.query('DROP INDEX `uq_estate_community_name` ON `estate`');
    await queryRunner.query('DROP TABLE `estate`');
    await queryRunner.query('DROP INDEX `uq_community_code` ON `community`');
    await queryRunner.query('DROP TABLE `community`');
    await queryRunner.query('DROP INDEX `uq_sub_district_code` ON `sub_district`');
    await queryRunner.query('DROP TABLE `sub_district`');
    await queryRunner.query('DROP INDEX `uq_invite_code_hash` ON `invite_code`');
    await queryRunner.query('DROP TABLE `invite_code`');
    await queryRunner.query('DROP TABLE `wechat_session`');
    await queryRunner.query('DROP INDEX `uq_user_persona` ON `app_user`');
    await queryRunner.query('DROP INDEX `uq_user_openid` ON `app_user`');
    await queryRunner.query('DROP TABLE `app_user`');
  }
}
