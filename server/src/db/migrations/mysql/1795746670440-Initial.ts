import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795746670440 implements MigrationInterface {
  name = 'Initial1795746670440';

  public async up(queryRunner: QueryRunner): Promise<void> {
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
      'CREATE TABLE `app_meta` (`key` varchar(100) NOT NULL, `value` text NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`key`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'ALTER TABLE `community` ADD CONSTRAINT `FK_f1f7559c568d8cb8cc76770cbaa` FOREIGN KEY (`sub_district_id`) REFERENCES `sub_district`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `estate` ADD CONSTRAINT `FK_bfae8c06260d10baf31023e32de` FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `estate` DROP FOREIGN KEY `FK_bfae8c06260d10baf31023e32de`');
    await queryRunner.query('ALTER TABLE `community` DROP FOREIGN KEY `FK_f1f7559c568d8cb8cc76770cbaa`');
    await queryRunner.query('DROP TABLE `app_meta`');
    await queryRunner.query('DROP INDEX `uq_estate_community_name` ON `estate`');
    await queryRunner.query('DROP TABLE `estate`');
    await queryRunner.query('DROP INDEX `uq_community_code` ON `community`');
    await queryRunner.query('DROP TABLE `community`');
    await queryRunner.query('DROP INDEX `uq_sub_district_code` ON `sub_district`');
    await queryRunner.query('DROP TABLE `sub_district`');
  }
}
