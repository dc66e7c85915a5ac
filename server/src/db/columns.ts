import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Column helpers whose types mean the same on MySQL/MariaDB and SQLite, so
 * one set of entities serves both dialects and their migrations stay in step.
 * Times are stored in UTC with microsecond precision.
 */
export const IdColumn = () => PrimaryGeneratedColumn({ type: 'int' });

export const CreatedAtColumn = () => CreateDateColumn({ type: 'datetime', precision: 6, name: 'created_at' });

export const UpdatedAtColumn = () => UpdateDateColumn({ type: 'datetime', precision: 6, name: 'updated_at' });
