import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Audit1795757399167 implements MigrationInterface {
  name = 'Audit1795757399167';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `audit_entry` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NULL, `actor_id` int NULL, `actor_role` varchar(24) NOT NULL, `action` varchar(48) NOT NULL, `object_type` varchar(24) NOT NULL, `object_id` int NULL, `summary` varchar(200) NOT NULL, `data_json` text NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_audit_object` (`object_type`, `object_id`, `id`), INDEX `ix_audit_community` (`community_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_audit_community` ON `audit_entry`');
    await queryRunner.query('DROP INDEX `ix_audit_object` ON `audit_entry`');
    await queryRunner.query('DROP TABLE `audit_entry`');
  }
}
