import pino from 'pino';
import type { DataSource } from 'typeorm';
import { startServices } from '../src/bootstrap';
import { SubDistrict } from '../src/communities/communities.entity';
import { runInTransaction } from '../src/db/transaction';
import type { AppServices } from '../src/http/context';
import { eachDatabase, freshDatabase, testConfig } from './support/test-db';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(eachDatabase)('transactions on %s', (_dialect, db) => {
  let ds: DataSource;
  let services: AppServices;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const fresh = await freshDatabase(db);
    drop = fresh.drop;
    services = await startServices(testConfig(fresh.env), pino({ level: 'silent' }));
    ds = services.dataSource;
  });
  afterEach(async () => {
    await services.close();
    await drop();
  });

  test('overlapping transactions that await in the middle all commit', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runInTransaction(ds, async (em) => {
          await em.insert(SubDistrict, { name: `街道${i}`, code: `SD-${i}` });
          await pause(5);
          return em.count(SubDistrict);
        }),
      ),
    );
    expect(results).toHaveLength(8);
    expect(await ds.getRepository(SubDistrict).count()).toBe(8);
  });

  test('a failing transaction rolls back and does not break the ones queued behind it', async () => {
    const failing = runInTransaction(ds, async (em) => {
      await em.insert(SubDistrict, { name: '将回滚', code: 'ROLLBACK' });
      await pause(5);
      throw new Error('boom');
    });
    const next = runInTransaction(ds, async (em) => {
      await em.insert(SubDistrict, { name: '保留', code: 'KEEP' });
      return 'ok';
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    const codes = (await ds.getRepository(SubDistrict).find()).map((s) => s.code);
    expect(codes).toEqual(['KEEP']);
  });
});
