import { checkInCodeProblem, normalizeCheckInCode, readCheckInQr } from './meetings';

describe('check-in codes', () => {
  it('accepts six letters and digits, any case, with spaces or a dash', () => {
    expect(checkInCodeProblem('K7M2Q9')).toBeUndefined();
    expect(checkInCodeProblem(' k7m 2q9 ')).toBeUndefined();
    expect(checkInCodeProblem('K7M-2Q9')).toBeUndefined();
    expect(normalizeCheckInCode(' k7m-2q9 ')).toBe('K7M2Q9');
  });

  it('says what is wrong in plain words', () => {
    expect(checkInCodeProblem('')).toBe('请输入会场公布的 6 位签到码');
    expect(checkInCodeProblem('K7M2')).toBe('签到码是 6 位，您输入了 4 位');
    expect(checkInCodeProblem('K7M2Q9X')).toBe('签到码是 6 位，您输入了 7 位');
    expect(checkInCodeProblem('K7M2Q*')).toBe('签到码只包含字母和数字');
    expect(checkInCodeProblem('签到码一二三')).toBe('签到码只包含字母和数字');
  });
});

describe('reading the check-in QR code', () => {
  it('reads the link the server prints', () => {
    expect(readCheckInQr('https://yishi.example.com/#/pages/meetings/detail?id=7&code=K7M2Q9')).toEqual({
      code: 'K7M2Q9',
      meetingId: 7,
    });
    expect(readCheckInQr('http://127.0.0.1:3000/#/pages/meetings/detail?code=k7m2q9&id=12')).toEqual({
      code: 'K7M2Q9',
      meetingId: 12,
    });
  });

  it('reads the link as WeChat hands it over in `q` (URL-encoded)', () => {
    const q = encodeURIComponent('https://yishi.example.com/#/pages/meetings/detail?id=7&code=K7M2Q9');
    expect(readCheckInQr(q)).toEqual({ code: 'K7M2Q9', meetingId: 7 });
  });

  it('reads a bare code', () => {
    expect(readCheckInQr('K7M2Q9')).toEqual({ code: 'K7M2Q9' });
    expect(readCheckInQr(' k7m2q9\n')).toEqual({ code: 'K7M2Q9' });
  });

  it('refuses anything else', () => {
    expect(readCheckInQr('https://example.com/somewhere?code=K7M2Q9')).toBeUndefined();
    expect(readCheckInQr('https://yishi.example.com/#/pages/meetings/detail?id=7')).toBeUndefined();
    expect(readCheckInQr('https://yishi.example.com/#/pages/meetings/detail?id=7&code=ABC')).toBeUndefined();
    expect(readCheckInQr('https%3A%2F%2F%E0%A4%A')).toBeUndefined();
    expect(readCheckInQr('一段文字')).toBeUndefined();
    expect(readCheckInQr('')).toBeUndefined();
  });
});
