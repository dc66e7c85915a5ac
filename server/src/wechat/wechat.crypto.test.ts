import { inspect } from 'node:util';
import { createFakeWechat } from './fake-wechat';
import { decryptWechatData, encryptWechatData, WechatDataError, type WechatDataErrorReason } from './wechat.crypto';

/** WeChat's own sample from the "加密数据解密算法" documentation (its demo AppID and session_key). */
const SAMPLE = {
  appid: 'wx4f4bc4dec97d474b',
  sessionKey: 'tiihtNczf5v6AKRyjwEUhQ==',
  iv: 'r7BXXKkLb8qrSNn05n0qiA==',
  encryptedData:
    'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfneQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==',
  watermark: { timestamp: 1477314187, appid: 'wx4f4bc4dec97d474b' },
};

const KEY = Buffer.alloc(16, 7).toString('base64');
const OTHER_KEY = Buffer.alloc(16, 9).toString('base64');
const IV = Buffer.alloc(16, 3);
const APPID = 'wx-demo-appid';
const NOW = Date.parse('2024-05-01T08:00:00Z');
const nowSeconds = Math.floor(NOW / 1000);

function reasonOf(action: () => unknown): WechatDataErrorReason | 'no error' {
  try {
    action();
  } catch (error) {
    if (error instanceof WechatDataError) return error.reason;
    throw error;
  }
  return 'no error';
}

/** Flips bits of one byte of base64 data. */
function flipByte(base64: string, index: number, mask = 0xff): string {
  const bytes = Buffer.from(base64, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ mask;
  return bytes.toString('base64');
}

describe('decryptWechatData', () => {
  test("decrypts WeChat's documented sample and checks its watermark", () => {
    const data = decryptWechatData(SAMPLE.sessionKey, SAMPLE.encryptedData, SAMPLE.iv, { appid: SAMPLE.appid });
    expect(data.openId).toBe('oGZUI0egBJY1zhBYw2KhdUfwVJJE');
    expect(data.nickName).toBe('Band');
    expect(data.watermark).toEqual(SAMPLE.watermark);
  });

  test("refuses WeChat's sample for another AppID, and when it is older than allowed", () => {
    expect(
      reasonOf(() => decryptWechatData(SAMPLE.sessionKey, SAMPLE.encryptedData, SAMPLE.iv, { appid: APPID })),
    ).toBe('appid_mismatch');
    expect(
      reasonOf(() =>
        decryptWechatData(SAMPLE.sessionKey, SAMPLE.encryptedData, SAMPLE.iv, {
          appid: SAMPLE.appid,
          maxAgeSeconds: 3600,
          now: NOW,
        }),
      ),
    ).toBe('stale');
  });

  test('round-trips with encryptWechatData (PKCS#7 over several blocks)', () => {
    const payload = {
      opengid: 'tGabcdefghijklmnopqrstuvwxyz',
      note: '三号楼',
      watermark: { appid: APPID, timestamp: 1 },
    };
    const sealed = encryptWechatData(KEY, payload, IV);
    expect(sealed.iv).toBe(IV.toString('base64'));
    expect(Buffer.from(sealed.encryptedData, 'base64').length % 16).toBe(0);
    expect(decryptWechatData(KEY, sealed.encryptedData, sealed.iv, { appid: APPID })).toEqual(payload);
  });

  test('freshness: fresh and slightly early watermarks pass; old or far-future ones are stale; no timestamp is stale', () => {
    const at = (timestamp: unknown) =>
      encryptWechatData(KEY, { opengid: 'g', watermark: { appid: APPID, timestamp } }, IV).encryptedData;
    const check = (timestamp: unknown) =>
      reasonOf(() =>
        decryptWechatData(KEY, at(timestamp), IV.toString('base64'), { appid: APPID, maxAgeSeconds: 600, now: NOW }),
      );
    expect(check(nowSeconds - 600)).toBe('no error');
    expect(check(nowSeconds + 60)).toBe('no error');
    expect(check(nowSeconds - 601)).toBe('stale');
    expect(check(nowSeconds + 3600)).toBe('stale');
    expect(check('yesterday')).toBe('stale');
    // Without maxAgeSeconds the age is not checked.
    expect(reasonOf(() => decryptWechatData(KEY, at(1), IV.toString('base64'), { appid: APPID }))).toBe('no error');
  });

  test('the watermark must be there and name our AppID', () => {
    const sealed = (payload: unknown) => encryptWechatData(KEY, payload, IV).encryptedData;
    const iv = IV.toString('base64');
    expect(reasonOf(() => decryptWechatData(KEY, sealed({ opengid: 'g' }), iv, { appid: APPID }))).toBe(
      'appid_mismatch',
    );
    expect(
      reasonOf(() =>
        decryptWechatData(KEY, sealed({ opengid: 'g', watermark: { appid: 'wx-other', timestamp: 1 } }), iv, {
          appid: APPID,
        }),
      ),
    ).toBe('appid_mismatch');
    expect(
      reasonOf(() =>
        decryptWechatData(KEY, sealed({ opengid: 'g', watermark: 'wx-demo-appid' }), iv, { appid: APPID }),
      ),
    ).toBe('appid_mismatch');
  });

  test('a wrong session key, broken padding or a garbled first block is undecryptable', () => {
    const payload = { opengid: 'tGabcdefghijklmnopqrstuvwxyz', watermark: { appid: APPID, timestamp: nowSeconds } };
    const { encryptedData, iv } = encryptWechatData(KEY, payload, IV);
    expect(reasonOf(() => decryptWechatData(OTHER_KEY, encryptedData, iv, { appid: APPID }))).toBe('undecryptable');
    // Flipping the last byte of the second-to-last block turns the padding byte into a value > 16.
    const blocks = Buffer.from(encryptedData, 'base64').length / 16;
    expect(blocks).toBeGreaterThan(2);
    expect(
      reasonOf(() => decryptWechatData(KEY, flipByte(encryptedData, (blocks - 1) * 16 - 1), iv, { appid: APPID })),
    ).toBe('undecryptable');
    // Garbling the first block destroys the JSON structure.
    expect(reasonOf(() => decryptWechatData(KEY, flipByte(encryptedData, 0), iv, { appid: APPID }))).toBe(
      'undecryptable',
    );
    // A plaintext that is JSON but not an object.
    const array = encryptWechatData(KEY, ['opengid'], IV).encryptedData;
    expect(reasonOf(() => decryptWechatData(KEY, array, iv, { appid: APPID }))).toBe('undecryptable');
  });

  test.each([
    ['a key that is not base64', 'not base64!', 'AAAAAAAAAAAAAAAAAAAAAA==', 'AAAAAAAAAAAAAAAAAAAAAA=='],
    [
      'a key of the wrong length',
      Buffer.alloc(24).toString('base64'),
      'AAAAAAAAAAAAAAAAAAAAAA==',
      'AAAAAAAAAAAAAAAAAAAAAA==',
    ],
    ['an empty key (no session)', '', 'AAAAAAAAAAAAAAAAAAAAAA==', 'AAAAAAAAAAAAAAAAAAAAAA=='],
    ['an iv of the wrong length', KEY, 'AAAAAAAAAAAAAAAAAAAAAA==', 'AAAA'],
    ['data that is not whole blocks', KEY, 'AAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAA=='],
    ['empty data', KEY, '', 'AAAAAAAAAAAAAAAAAAAAAA=='],
    ['data with characters outside base64', KEY, 'AAAAAAAAAAAAAAAAAAAAAA==\n<script>', 'AAAAAAAAAAAAAAAAAAAAAA=='],
  ])('%s is malformed', (_name, key, data, iv) => {
    expect(reasonOf(() => decryptWechatData(key, data, iv, { appid: APPID }))).toBe('malformed');
  });

  test('errors name the reason but never the key, iv or plaintext', () => {
    const secretWord = 'tGsecretgroupid0000000000000';
    const { encryptedData, iv } = encryptWechatData(KEY, {
      opengid: secretWord,
      watermark: { appid: 'wx-x', timestamp: 1 },
    });
    const failures: unknown[] = [];
    for (const attempt of [
      () => decryptWechatData(KEY, encryptedData, iv, { appid: APPID }),
      () => decryptWechatData(OTHER_KEY, encryptedData, iv, { appid: APPID }),
      () => decryptWechatData(`${KEY}x`, encryptedData, iv, { appid: APPID }),
    ]) {
      try {
        attempt();
      } catch (error) {
        failures.push(error);
      }
    }
    expect(failures).toHaveLength(3);
    for (const error of failures) {
      const text = `${String(error)} ${(error as Error).stack} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`;
      for (const secret of [KEY, OTHER_KEY, iv, secretWord, encryptedData.slice(0, 24)]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

describe('the fake WeChat server encrypts open data for a logged-in user', () => {
  test('group enter info decrypts with the session key of the latest login, watermarked with the fake AppID', () => {
    let now = NOW;
    const fake = createFakeWechat({ now: () => now });
    const state = fake.state;
    expect(() => state.encryptGroupEnterInfo(state.openidFor('alice'), 'building-3')).toThrow(/no session/);

    const { openid, sessionKey: first } = state.startSession('alice');
    const sealed = state.encryptGroupEnterInfo(openid, 'building-3');
    const data = decryptWechatData(first, sealed.encryptedData, sealed.iv, {
      appid: state.appid,
      maxAgeSeconds: 60,
      now,
    });
    expect(data).toEqual({
      opengid: state.openGidFor('building-3'),
      watermark: { appid: state.appid, timestamp: nowSeconds },
    });
    expect(state.openGidFor('building-3')).toMatch(/^tG[A-Za-z0-9_-]{26}$/);
    expect(state.openGidFor('building-3')).not.toBe(state.openGidFor('building-4'));

    // A new login replaces the session key: data sealed afterwards no longer opens with the old one.
    now += 1000;
    const { sessionKey: second } = state.startSession('alice');
    expect(second).not.toBe(first);
    const later = state.encryptGroupEnterInfo(openid, 'building-3');
    expect(reasonOf(() => decryptWechatData(first, later.encryptedData, later.iv, { appid: state.appid }))).toBe(
      'undecryptable',
    );
    expect(decryptWechatData(second, later.encryptedData, later.iv, { appid: state.appid }).opengid).toBe(
      state.openGidFor('building-3'),
    );
  });

  test('tests can replace or drop the watermark', () => {
    const fake = createFakeWechat({ now: () => NOW });
    const { openid, sessionKey } = fake.state.startSession('bob');
    const foreign = fake.state.encryptGroupEnterInfo(openid, 'g', { watermark: { appid: 'wx-someone-else' } });
    expect(
      reasonOf(() => decryptWechatData(sessionKey, foreign.encryptedData, foreign.iv, { appid: fake.state.appid })),
    ).toBe('appid_mismatch');
    const bare = fake.state.encryptForUser(openid, { opengid: 'x' }, { watermark: null });
    expect(
      reasonOf(() => decryptWechatData(sessionKey, bare.encryptedData, bare.iv, { appid: fake.state.appid })),
    ).toBe('appid_mismatch');
  });
});
