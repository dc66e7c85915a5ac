import pino from 'pino';
import { startServices } from '../src/bootstrap';
import { Community, Estate, SubDistrict, Unit } from '../src/communities/communities.entity';
import { migrationsFor } from '../src/db/data-source';
import { schemaDiffAfterMigrations } from '../src/db/migration-tools';
import { DEMO_COMMUNITY, DEMO_ESTATES, DEMO_NEIGHBOUR_COMMUNITY } from '../src/db/seed/demo-data';
import { eachDatabase, freshDatabase, testConfig } from './support/test-db';

const silent = pino({ level: 'silent' });

describe.each(eachDatabase)('schema on %s', (dialect, db) => {
  test('the migrations produce exactly the schema the entities describe', async () => {
    const diff = await schemaDiffAfterMigrations(dialect, db.serverUrl);
    expect(diff.up).toEqual([]);
  });

  test('two processes starting together migrate and seed once, under the lock', async () => {
    const fresh = await freshDatabase(db);
    const config = testConfig({ ...fresh.env, YISHI_SEED_DEMO: 'always' });
    try {
      const started = await Promise.all([
        startServices(config, silent),
        startServices(config, silent),
        startServices(config, silent),
      ]);
      const ds = started[0]!.dataSource;
      const applied = (await ds.query('SELECT name FROM migrations')) as { name: string }[];
      expect(applied.map((r) => r.name).sort()).toEqual(
        migrationsFor(dialect)
          .map((m) => new m().name ?? m.name)
          .sort(),
      );
      expect(await ds.getRepository(SubDistrict).count()).toBe(1);
      const communities = await ds.getRepository(Community).find({ order: { id: 'ASC' } });
      expect(communities.map((c) => c.name)).toEqual([DEMO_COMMUNITY.name, DEMO_NEIGHBOUR_COMMUNITY.name]);
      const estates = await ds
        .getRepository(Estate)
        .find({ where: { communityId: communities[0]!.id }, order: { id: 'ASC' } });
      expect(estates.map((e) => [e.name, e.kind])).toEqual(DEMO_ESTATES.map((e) => [e.name, e.kind]));
      const units = await ds.getRepository(Unit).count();
      expect(units).toBeGreaterThan(300);
      for (const s of started) await s.close();

      // A restart finds nothing to migrate and does not seed again.
      const again = await startServices(config, silent);
      expect(await again.dataSource.getRepository(SubDistrict).count()).toBe(1);
      expect(await again.dataSource.getRepository(Unit).count()).toBe(units);
      await again.close();
    } finally {
      await fresh.drop();
    }
  });

  test('the demo community is not seeded into a production-like configuration', async () => {
    const fresh = await freshDatabase(db);
    const config = testConfig({
      ...fresh.env,
      YISHI_SEED_DEMO: 'auto',
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-sufficient-length-0123456789',
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: 'production-secret',
    });
    try {
      const services = await startServices(config, silent);
      expect(await services.dataSource.getRepository(SubDistrict).count()).toBe(0);
      await services.close();
    } finally {
      await fresh.drop();
    }
  });
});
