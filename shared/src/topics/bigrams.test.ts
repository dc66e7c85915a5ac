import { indexTokens, queryTokens, SIMILAR_TOPIC_THRESHOLD, similarity } from './bigrams';

describe('Chinese tokens', () => {
  test('CJK runs become bigrams (query) and bigrams + characters (index)', () => {
    expect(queryTokens('电梯维修')).toEqual(['电梯', '梯维', '维修']);
    expect([...indexTokens('电梯')].sort()).toEqual(['梯', '电', '电梯'].sort());
  });

  test('two-character words match: the query token is in the index', () => {
    const index = indexTokens('3号楼电梯经常停运，老人上下楼困难');
    for (const t of queryTokens('电梯')) expect(index.has(t)).toBe(true);
    for (const t of queryTokens('老人')) expect(index.has(t)).toBe(true);
    expect(queryTokens('停车').every((t) => index.has(t))).toBe(false);
  });

  test('a single character query is itself', () => {
    expect(queryTokens('水')).toEqual(['水']);
    expect(indexTokens('漏水').has('水')).toBe(true);
  });

  test('punctuation separates runs; Latin and digits are words; full-width folds to half-width', () => {
    expect(queryTokens('５号楼，WiFi信号差')).toEqual(['5', '号楼', 'wifi', '信号', '号差']);
    expect(queryTokens('！！！')).toEqual([]);
  });

  test('characters outside the BMP stay whole', () => {
    expect(queryTokens('𠀀𠀁')).toEqual(['𠀀𠀁']);
  });

  test('similar titles score above the threshold, unrelated ones below', () => {
    expect(similarity('3号楼电梯经常坏', '三号楼电梯老是坏了')).toBeGreaterThanOrEqual(SIMILAR_TOPIC_THRESHOLD);
    expect(similarity('电梯维修', '电梯维修')).toBe(1);
    expect(similarity('小区停车位不足', '电梯维修')).toBeLessThan(SIMILAR_TOPIC_THRESHOLD);
    expect(similarity('', '电梯')).toBe(0);
  });
});
