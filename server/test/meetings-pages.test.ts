import { crc32, inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import request from 'supertest';
import { Meeting } from '../src/meetings/meetings.entity';
import { checkInLink } from '../src/meetings/meetings.qr';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

/** The QR matrix of `text` as rows of 0/1 (error correction M, as the server makes it). */
function matrixOf(text: string): number[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, y) =>
    Array.from({ length: modules.size }, (_, x) => (modules.get(y, x) ? 1 : 0)),
  );
}

/**
 * Reads a 1-bit greyscale PNG (every chunk's CRC checked) and samples the
 * centre of each module inside the quiet zone: the QR matrix it shows.
 */
function qrModulesOf(png: Buffer): number[][] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      expect([data.readUInt32BE(4), data[8], data[9]]).toEqual([width, 1, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rowBytes = Math.ceil(width / 8) + 1;
  const dark = (x: number, y: number) => ((raw[y * rowBytes + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1) === 0;
  // The module size is the width of the top-left finder pattern's dark edge (7 modules).
  let first = 0;
  while (!dark(first, first)) first++;
  let end = first;
  while (dark(end, first)) end++;
  const px = (end - first) / 7;
  const size = Math.round((width - 2 * first) / px);
  return Array.from({ length: size }, (_, my) =>
    Array.from({ length: size }, (_, mx) =>
      dark(Math.floor(first + (mx + 0.5) * px), Math.floor(first + (my + 0.5) * px)) ? 1 : 0,
    ),
  );
}

/**
 * The reads behind the meeting pages: the community's meetings by time
 * (paged, public fields), the roll-call list and the agenda candidates for
 * moderators, and the check-in QR code image.
 */
describe.each(eachDatabase)('meeting pages on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let otherCommunityId: number;
  let councilId: number;
  const tokens: Record<string, string> = {};
  const get = (url: string, persona?: string) => {
    const call = request(server.callback).get(url);
    return persona ? call.set('Authorization', `Bearer ${tokens[persona]}`) : call;
  };
  const post = (persona: string, url: string, body: object = {}) =>
    request(server.callback).post(url).set('Authorization', `Bearer ${tokens[persona]}`).send(body);
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

  async function agendaTopic(): Promise<number> {
    const rows = (await server.dataSource.query(
      "SELECT id FROM topic WHERE community_id = ? AND status IN ('accepted', 'routed', 'handling') ORDER BY id LIMIT 1",
      [communityId],
    )) as { id: number }[];
    return Number(rows[0]!.id);
  }

  async function schedule(title: string, days: number, announce: boolean) {
    const res = await post('moderator', '/api/meetings', {
      title,
      councilId,
      startsAt: inDays(days),
      place: '社区党群服务中心二楼会议室',
      mode: 'offline',
      noticeDays: 3,
      agenda: [{ topicId: await agendaTopic(), minutes: 30 }],
    });
    expect(res.status).toBe(201);
    if (announce) await post('moderator', `/api/meetings/${res.body.id}/announce`).expect(200);
    return res.body as { id: number; checkInCode: string };
  }

  beforeAll(async () => {
    server = await startTestServer(db, {
      env: { YISHI_SEED_DEMO: 'always', PUBLIC_BASE_URL: 'https://yishi.example.com' },
    });
    communityId = await communityIdOf(server, '和平里社区');
    otherCommunityId = await communityIdOf(server, '青石桥社区');
    councilId = Number(
      (
        (await server.dataSource.query('SELECT id FROM council WHERE community_id = ?', [communityId])) as {
          id: number;
        }[]
      )[0]!.id,
    );
    for (const p of ['moderator', 'representative', 'resident', 'owner', 'property_manager'])
      tokens[p] = await personaToken(server, p);
  });
  afterAll(async () => server.close());

  test('meetings by time: upcoming soonest first, planned ones for moderators only, past latest first; paged by cursor', async () => {
    const later = await schedule('十二月协商议事会', 9, true);
    const sooner = await schedule('十一月协商议事会', 5, true);
    const planned = await schedule('一月协商议事会（筹备）', 20, false);
    const old = await schedule('十月协商议事会', 6, true);
    const older = await schedule('九月协商议事会', 7, true);
    // Closing a meeting belongs to the live session; here the rows stand in for two past meetings.
    const meetings = server.dataSource.getRepository(Meeting);
    await meetings.update(old.id, { status: 'closed', startsAt: new Date(Date.now() - 30 * 86_400_000) });
    await meetings.update(older.id, {
      status: 'minutes_published',
      startsAt: new Date(Date.now() - 60 * 86_400_000),
    });

    const base = `/api/communities/${communityId}/meetings/browse`;
    const publicPage = await get(base).expect(200);
    expect(publicPage.body.items.map((m: { id: number }) => m.id)).toEqual([sooner.id, later.id]);
    expect(publicPage.body.nextCursor).toBeNull();
    expect(publicPage.body.items[0]).toEqual({
      id: sooner.id,
      title: '十一月协商议事会',
      startsAt: expect.any(String),
      place: '社区党群服务中心二楼会议室',
      mode: 'offline',
      status: 'announced',
      statusLabel: '已发布通知',
      councilName: '和平里社区协商议事会',
      agendaCount: 1,
    });
    // A resident of the community sees what the public sees; its moderator sees the planned one too.
    expect((await get(base, 'resident').expect(200)).body.items).toHaveLength(2);
    const forModerator = await get(base, 'moderator').expect(200);
    expect(forModerator.body.items.map((m: { id: number }) => m.id)).toEqual([sooner.id, later.id, planned.id]);

    // One at a time: the cursor walks the same order and ends with null.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await get(
        `${base}?when=upcoming&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        'moderator',
      ).expect(200);
      seen.push(...page.body.items.map((m: { id: number }) => m.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([sooner.id, later.id, planned.id]);

    const past = await get(`${base}?when=past&limit=1`).expect(200);
    expect(past.body.items.map((m: { id: number; status: string }) => [m.id, m.status])).toEqual([[old.id, 'closed']]);
    const pastNext = await get(`${base}?when=past&limit=1&cursor=${past.body.nextCursor}`).expect(200);
    expect(pastNext.body.items.map((m: { id: number }) => m.id)).toEqual([older.id]);
    expect(pastNext.body.nextCursor).toBeNull();

    // A cursor of the other list, or garbage, is refused with a sentence; an unknown community is 404.
    const wrongList = await get(`${base}?when=upcoming&cursor=${past.body.nextCursor}`);
    expect(wrongList.status).toBe(400);
    expect(wrongList.body.error.message).toBe('翻页参数无效，请重新加载列表');
    expect((await get(`${base}?cursor=bm90LWpzb24`)).status).toBe(400);
    expect((await get(`${base}?when=soon`)).status).toBe(400);
    expect((await get('/api/communities/999999/meetings/browse')).status).toBe(404);
    // Another community's list holds none of these.
    expect((await get(`/api/communities/${otherCommunityId}/meetings/browse`).expect(200)).body.items).toEqual([]);
  });

  test('the roll-call list: moderators see real names and how each invitee checked in; others are refused', async () => {
    const meeting = await schedule('点名测试协商议事会', 8, true);
    await post('representative', `/api/meetings/${meeting.id}/check-in`, { code: meeting.checkInCode }).expect(200);
    const pm = (await get('/api/me', 'property_manager').expect(200)).body as { id: number };
    await post('moderator', `/api/meetings/${meeting.id}/roll-call`, { userId: pm.id }).expect(200);

    const list = await get(`/api/meetings/${meeting.id}/invitees`, 'moderator').expect(200);
    expect(list.body).toHaveLength(5);
    const rep = (await get('/api/me', 'representative').expect(200)).body as { id: number; realName: string };
    expect(list.body.find((i: { userId: number }) => i.userId === rep.id)).toMatchObject({
      name: rep.realName,
      role: 'council',
      present: true,
      method: 'code',
      checkedInAt: expect.any(String),
    });
    expect(list.body.find((i: { userId: number }) => i.userId === pm.id)).toMatchObject({
      present: true,
      method: 'roll_call',
    });
    expect(list.body.filter((i: { present: boolean }) => !i.present)).toHaveLength(3);
    expect(list.body.every((i: { name: string }) => !i.name.includes('*'))).toBe(true);

    expect((await get(`/api/meetings/${meeting.id}/invitees`, 'representative')).status).toBe(403);
    expect((await get(`/api/meetings/${meeting.id}/invitees`)).status).toBe(401);
    expect((await get('/api/meetings/999999/invitees', 'moderator')).status).toBe(404);
  });

  test('agenda candidates: only topics an agenda may take, none held; moderators only', async () => {
    const list = await get(`/api/communities/${communityId}/agenda-topics`, 'moderator').expect(200);
    expect(list.body.length).toBeGreaterThan(1);
    const statuses = new Set(list.body.map((t: { status: string }) => t.status));
    for (const s of statuses) expect(['accepted', 'routed', 'handling', 'cosigning']).toContain(s);
    const counts = list.body.map((t: { cosignCount: number }) => t.cosignCount);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    const expected = (await server.dataSource.query(
      "SELECT id FROM topic WHERE community_id = ? AND status IN ('accepted', 'routed', 'handling', 'cosigning') AND held = ?",
      [communityId, false],
    )) as { id: number }[];
    expect(list.body.map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b)).toEqual(
      expected.map((r) => Number(r.id)).sort((a, b) => a - b),
    );
    // Every candidate is accepted by scheduleMeeting.
    const all = await post('moderator', '/api/meetings', {
      title: '全部候选议题',
      councilId,
      startsAt: inDays(10),
      place: '社区会议室',
      mode: 'hybrid',
      agenda: list.body.slice(0, 20).map((t: { id: number }) => ({ topicId: t.id, minutes: 10 })),
    });
    expect(all.status).toBe(201);

    expect((await get(`/api/communities/${communityId}/agenda-topics`, 'resident')).status).toBe(403);
    expect((await get(`/api/communities/${otherCommunityId}/agenda-topics`, 'moderator')).status).toBe(403);
  });

  test('the check-in QR code: a PNG of the link to the meeting with its code, for moderators only', async () => {
    const meeting = await schedule('二维码测试协商议事会', 8, true);
    const link = checkInLink('https://yishi.example.com', meeting.id, meeting.checkInCode);
    expect(link).toBe(`https://yishi.example.com/#/pages/meetings/detail?id=${meeting.id}&code=${meeting.checkInCode}`);
    const before = await tableCounts(server.dataSource);
    const png = await get(`/api/meetings/${meeting.id}/check-in-qr`, 'moderator').buffer(true).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toBe('private, no-store');
    const body = png.body as Buffer;
    expect(body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // The image's modules are exactly the QR matrix of the link.
    expect(qrModulesOf(body)).toEqual(matrixOf(link));
    expect(await tableCounts(server.dataSource)).toEqual(before);

    const refused = await get(`/api/meetings/${meeting.id}/check-in-qr`, 'representative');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await get(`/api/meetings/${meeting.id}/check-in-qr`)).status).toBe(401);
    expect((await get('/api/meetings/999999/check-in-qr', 'moderator')).status).toBe(404);
  });
});
