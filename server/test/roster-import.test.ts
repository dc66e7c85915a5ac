import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

const SAMPLE = readFileSync(path.join(__dirname, '..', '..', 'docs', 'roster-sample.csv'));
const HEADER = '小区,楼栋,房号,建筑面积(㎡),面积来源,开发商持有,业主姓名,业主手机,业主编号';

describe.each(eachDatabase)('roster import on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let token: string;
  const upload = (file: Buffer | string, mode: string, name = 'roster.csv') =>
    request(server.callback)
      .post(`/api/communities/${communityId}/roster`)
      .set('Authorization', `Bearer ${token}`)
      .field('mode', mode)
      .attach('file', Buffer.isBuffer(file) ? file : Buffer.from(file), name);
  const owners = async (estate: string, label: string) =>
    (await server.dataSource.query(
      `SELECT o.name, o.phone FROM roster_owner o JOIN unit u ON u.id = o.unit_id JOIN estate e ON e.id = u.estate_id
        WHERE e.name = ? AND u.label = ? AND e.community_id = ? ORDER BY o.id`,
      [estate, label, communityId],
    )) as { name: string; phone: string }[];

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    communityId = await communityIdOf(server, '青石桥社区');
    // Make the moderator persona a moderator of the small community too, to import into an almost empty one.
    const moderatorId = (
      (await server.dataSource.query("SELECT id FROM app_user WHERE persona_key = 'moderator'")) as {
        id: number;
      }[]
    )[0]!.id;
    await server.dataSource.query(
      "INSERT INTO role_grant (user_id, role, scope_type, scope_id, created_at) VALUES (?, 'moderator', 'community', ?, CURRENT_TIMESTAMP)",
      [moderatorId, communityId],
    );
    token = await personaToken(server, 'moderator');
  });
  afterAll(async () => server.close());

  test('validate reports and writes nothing', async () => {
    const before = await tableCounts(server.dataSource);
    const res = await upload(SAMPLE, 'validate');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      mode: 'validate',
      format: 'csv',
      totalRows: 20,
      validRows: 20,
      errors: [],
      applied: false,
    });
    expect(await tableCounts(server.dataSource)).toEqual(before);
  });

  test('with a bad row, "all" writes nothing and says line, column and reason', async () => {
    const bad = `${HEADER}\n新村,1号楼,101,56.5,登记,否,王五,13900000001,\n新村,1号楼,102,abc,登记,否,赵六,13900000002,\n新村,1号楼,101,60,登记,否,钱七,,\n`;
    const before = await tableCounts(server.dataSource);
    const res = await upload(bad, 'all');
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(res.body.validRows).toBe(1);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ line: 3, column: '建筑面积(㎡)' }),
      expect.objectContaining({ line: 4, column: '房号' }),
    ]);
    expect(res.body.errors[1].reason).toContain('第 2 行');
    expect(await tableCounts(server.dataSource)).toEqual(before);

    // The moderator chooses to import the valid rows.
    const partial = await upload(bad, 'valid_rows');
    expect(partial.body).toMatchObject({ applied: true, created: { estates: 1, buildings: 1, units: 1, owners: 1 } });
    expect(await owners('新村', '101')).toEqual([{ name: '王五', phone: '13900000001' }]);
  });

  test('"all" imports a clean file; importing again updates instead of duplicating', async () => {
    const first = await upload(SAMPLE, 'all');
    expect(first.body.applied).toBe(true);
    expect(first.body.created.units).toBe(20);
    expect(first.body.created.estates).toBe(3);
    const countsAfterFirst = await tableCounts(server.dataSource);

    const again = await upload(SAMPLE, 'all');
    expect(again.body).toMatchObject({
      applied: true,
      created: { estates: 0, buildings: 0, units: 0 },
      updatedUnits: 0,
      unchangedUnits: 20,
    });
    // Nothing but the audit log's record of the second import changes.
    expect(await tableCounts(server.dataSource)).toEqual({
      ...countsAfterFirst,
      audit_entry: (countsAfterFirst.audit_entry ?? 0) + 1,
    });

    // One unit's area and owner change in the next roster.
    const changed = SAMPLE.toString('utf8').replace(
      '槐荫里,1号楼,1单元102,48.30,登记,否,张建华,13901012346',
      '槐荫里,1号楼,1单元102,48.35,登记,否,张建军,13901019999',
    );
    const third = await upload(changed, 'all');
    expect(third.body).toMatchObject({ updatedUnits: 1, unchangedUnits: 19, created: { units: 0 } });
    expect(await owners('槐荫里', '1单元102')).toEqual([{ name: '张建军', phone: '13901019999' }]);
    const area = (await server.dataSource.query(
      `SELECT u.area_centi_m2 FROM unit u JOIN estate e ON e.id = u.estate_id WHERE e.community_id = ? AND u.label = '1单元102' AND e.name = '槐荫里'`,
      [communityId],
    )) as { area_centi_m2: number }[];
    expect(Number(area[0]!.area_centi_m2)).toBe(4835);
  });

  test('5,000 rows import in one go', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 5000; i++) {
      const b = Math.floor(i / 100) + 1;
      lines.push(
        `大型小区,${b}号楼,${(i % 100) + 101}室,${80 + (i % 50)}.${String(i % 100).padStart(2, '0')},登记,否,业主${i},139${String(i).padStart(8, '0')},`,
      );
    }
    const started = Date.now();
    const res = await upload(lines.join('\n'), 'all');
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      applied: true,
      validRows: 5000,
      created: { units: 5000, owners: 5000, buildings: 50 },
    });
    console.log(`5,000-row roster import on ${db.dialect}: ${elapsed} ms`);
  });

  test('only the community moderator may import', async () => {
    for (const persona of ['resident', 'grid_worker', 'owners_committee']) {
      const res = await request(server.callback)
        .post(`/api/communities/${communityId}/roster`)
        .set('Authorization', `Bearer ${await personaToken(server, persona)}`)
        .field('mode', 'all')
        .attach('file', SAMPLE, 'roster.csv');
      expect(res.status).toBe(403);
    }
  });

  test('a file that is neither CSV nor XLSX is refused clearly', async () => {
    const res = await upload(Buffer.from([0, 1, 2, 3, 0, 0, 0, 9, 8, 7]), 'validate', 'roster.bin');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
