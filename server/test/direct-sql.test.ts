import pino from 'pino';
import { type DataSource, IsNull } from 'typeorm';
import { loadActor } from '../src/auth/actor';
import { User } from '../src/auth/auth.entity';
import { startServices } from '../src/bootstrap';
import { Estate } from '../src/communities/communities.entity';
import { directSql, hasMultiStatements, hydrate, multiTransaction, sqlTransaction } from '../src/db/sql';
import type { AppServices } from '../src/http/context';
import { Membership, RoleGrant, UnitClaim } from '../src/members/members.entity';
import { eachDatabase, freshDatabase, testConfig } from './support/test-db';

/**
 * The ORM-free statements of the hot paths (server/src/db/sql.ts): entities
 * built from raw rows equal what the ORM reads, direct transactions commit and
 * roll back, and the one-statement actor read sees exactly what four separate
 * reads of users, memberships, live grants and approved claims see.
 */
describe.each(eachDatabase)('direct SQL on %s', (_dialect, db) => {
  let ds: DataSource;
  let services: AppServices;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(db);
    drop = fresh.drop;
    services = await startWithDemo(fresh.env);
    ds = services.dataSource;
  });
  afterAll(async () => {
    await services.close();
    await drop();
  });

  const startWithDemo = (env: Record<string, string>) =>
    startServices(testConfig({ ...env, YISHI_SEED_DEMO: 'always' }), pino({ level: 'silent' }));

  test('hydrate builds the same entity the ORM reads (dates, booleans, nulls)', async () => {
    const users = await ds.getRepository(User).find({ order: { id: 'ASC' } });
    expect(users.length).toBeGreaterThan(3);
    const rows = (await directSql(ds).query('SELECT * FROM app_user ORDER BY id')) as Record<string, unknown>[];
    const built = rows.map((row) => hydrate(ds, User, row));
    expect(built).toEqual(users);
    expect(built[0]).toBeInstanceOf(User);
    expect(built[0]!.createdAt).toBeInstanceOf(Date);
    expect(typeof built[0]!.largeText).toBe('boolean');
  });

  test('sqlTransaction commits its statements, and rolls all of them back when the work throws', async () => {
    const estate = await ds.getRepository(Estate).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    await sqlTransaction(ds, async (sql) => {
      await sql.query('UPDATE estate SET name = ? WHERE id = ?', ['提交后的名称', estate.id]);
    });
    expect((await ds.getRepository(Estate).findOneByOrFail({ id: estate.id })).name).toBe('提交后的名称');
    await expect(
      sqlTransaction(ds, async (sql) => {
        await sql.query('UPDATE estate SET name = ? WHERE id = ?', ['不该留下', estate.id]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await ds.getRepository(Estate).findOneByOrFail({ id: estate.id })).name).toBe('提交后的名称');
    // The pool still works after the rollback (the connection went back clean).
    const again = await sqlTransaction(ds, (sql) => sql.query('SELECT COUNT(*) AS n FROM estate'));
    expect(Number((again as { n: number }[])[0]!.n)).toBeGreaterThan(0);
  });

  test('multiTransaction (MySQL/MariaDB): statements travel together, answer one result each, and a failing one rolls back the whole transaction', async () => {
    if (!hasMultiStatements(ds)) {
      // SQLite has no such transactions: the ballot batch goes statement by statement there.
      await expect(multiTransaction(ds, async () => undefined)).rejects.toThrow('need MySQL/MariaDB');
      return;
    }
    const estate = await ds.getRepository(Estate).findOneOrFail({ where: {}, order: { id: 'DESC' } });
    const answered = await multiTransaction(ds, async (trip) => {
      const [rows, count] = await trip([
        { sql: 'SELECT name FROM estate WHERE id = ? LOCK IN SHARE MODE', params: [estate.id] },
        { sql: 'SELECT COUNT(*) AS n FROM estate', params: [] },
      ]);
      await trip([{ sql: 'UPDATE estate SET name = ? WHERE id = ?', params: ['一起提交的名称', estate.id] }], {
        commit: true,
      });
      return { rows, count };
    });
    expect((answered.rows as { name: string }[])[0]!.name).toBe(estate.name);
    expect(Number((answered.count as { n: number }[])[0]!.n)).toBeGreaterThan(0);
    expect((await ds.getRepository(Estate).findOneByOrFail({ id: estate.id })).name).toBe('一起提交的名称');
    await expect(
      multiTransaction(ds, async (trip) => {
        await trip([{ sql: 'UPDATE estate SET name = ? WHERE id = ?', params: ['不该留下', estate.id] }]);
        await trip([{ sql: 'INSERT INTO estate (id) VALUES (?)', params: [estate.id] }], { commit: true });
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^ER_/) });
    expect((await ds.getRepository(Estate).findOneByOrFail({ id: estate.id })).name).toBe('一起提交的名称');
    // Work that forgets to commit is refused and rolled back.
    await expect(
      multiTransaction(ds, async (trip) => {
        await trip([{ sql: 'UPDATE estate SET name = ? WHERE id = ?', params: ['未提交', estate.id] }]);
      }),
    ).rejects.toThrow('must end with a commit trip');
    expect((await ds.getRepository(Estate).findOneByOrFail({ id: estate.id })).name).toBe('一起提交的名称');
  });

  test('the actor read (one statement per batch) equals four separate ORM reads, for every user at once', async () => {
    const users = await ds.getRepository(User).find({ order: { id: 'ASC' } });
    // A revoked grant must not count.
    const someGrant = await ds.getRepository(RoleGrant).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    await ds.getRepository(RoleGrant).update({ id: someGrant.id }, { revokedAt: new Date() });
    const actors = await Promise.all([...users, users[0]!].map((u) => loadActor(ds, u.id)));
    expect(actors.at(-1)).not.toBe(actors[0]);
    let withGrants = 0;
    let withUnits = 0;
    for (const [i, user] of users.entries()) {
      const actor = actors[i];
      if (user.status !== 'active') {
        expect(actor).toBeUndefined();
        continue;
      }
      expect(actor!.user).toEqual(user);
      const memberships = await ds.getRepository(Membership).find({ where: { userId: user.id }, order: { id: 'ASC' } });
      expect(actor!.memberships).toEqual(memberships);
      const grants = await ds
        .getRepository(RoleGrant)
        .find({ where: { userId: user.id, revokedAt: IsNull() }, order: { id: 'ASC' } });
      expect(actor!.roles.map((r) => r.role)).toEqual(grants.map((g) => g.role));
      for (const [k, grant] of grants.entries()) {
        const role = actor!.roles[k]!;
        if (grant.scopeType === 'community') expect(role.communityId).toBe(grant.scopeId);
        if (grant.scopeType === 'estate') {
          const estate = await ds.getRepository(Estate).findOneByOrFail({ id: grant.scopeId });
          expect(role).toMatchObject({ estateId: grant.scopeId, communityId: estate.communityId });
        }
        if (grant.scopeType === 'sub_district') expect(role.subDistrictId).toBe(grant.scopeId);
      }
      const claims = await ds
        .getRepository(UnitClaim)
        .find({ where: { userId: user.id, status: 'approved' }, order: { id: 'ASC' } });
      expect(actor!.units).toEqual(
        claims.map((c) => ({
          unitId: c.unitId,
          estateId: c.estateId,
          communityId: c.communityId,
          relation: c.relation,
        })),
      );
      if (grants.length > 0) withGrants++;
      if (claims.length > 0) withUnits++;
    }
    expect(withGrants).toBeGreaterThan(0);
    expect(withUnits).toBeGreaterThan(0);
    expect(actors.some((a) => a?.roles.length === 0)).toBe(true);
  });
});
