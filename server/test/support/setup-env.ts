// Tests never touch the configured production/development database: only
// TEST_DATABASE_URL is read (by test-db.ts), never DATABASE_URL.
delete process.env.DATABASE_URL;
process.env.NODE_ENV = 'test';
