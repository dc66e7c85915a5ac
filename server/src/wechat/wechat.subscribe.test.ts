import { devLoginCode } from './fake-wechat';
import type { WechatClient } from './wechat.client';
import { type FakeWechatEnv, startFakeWechat } from './wechat.test-support';

const MEETING_TEMPLATE = 'tmpl-meeting-reminder-0001';
const OUTCOME_TEMPLATE = 'tmpl-vote-outcome-0002';

describe('WechatClient.sendSubscribeMessage against the fake WeChat server', () => {
  let env: FakeWechatEnv;
  let client: WechatClient;
  let openid: string;
  beforeEach(async () => {
    env = await startFakeWechat();
    client = env.client();
    openid = (await client.code2Session(devLoginCode('alice'))).openid;
  });
  afterEach(() => env.server.close());

  const reminder = (touser: string, thing1 = '加装电梯业主大会') => ({
    touser,
    templateId: MEETING_TEMPLATE,
    page: 'pages/meetings/detail?id=7',
    data: { thing1, time2: '2024-05-01 19:00', thing3: '3号楼一层大厅' },
  });

  test('each send uses one grant; with none left WeChat answers 43101 → no_grant', async () => {
    env.state.grantSubscription(openid, MEETING_TEMPLATE, 2);
    await client.sendSubscribeMessage(reminder(openid));
    await client.sendSubscribeMessage({ ...reminder(openid), miniprogramState: 'trial' });
    expect(env.state.grantsLeft(openid, MEETING_TEMPLATE)).toBe(0);
    await expect(client.sendSubscribeMessage(reminder(openid))).rejects.toMatchObject({
      kind: 'no_grant',
      errcode: 43101,
      endpoint: 'subscribe_send',
    });

    expect(env.state.sentMessages).toHaveLength(2);
    expect(env.state.sentMessages[0]).toMatchObject({
      touser: openid,
      templateId: MEETING_TEMPLATE,
      page: 'pages/meetings/detail?id=7',
      data: { thing1: '加装电梯业主大会', time2: '2024-05-01 19:00', thing3: '3号楼一层大厅' },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    });
    expect(env.state.sentMessages[1]?.miniprogramState).toBe('trial');
  });

  test('grants are per template', async () => {
    env.state.grantSubscription(openid, OUTCOME_TEMPLATE, 1);
    await expect(client.sendSubscribeMessage(reminder(openid))).rejects.toMatchObject({ kind: 'no_grant' });
    expect(env.state.grantsLeft(openid, OUTCOME_TEMPLATE)).toBe(1);
    expect(env.state.sentMessages).toHaveLength(0);
  });

  test('an openid WeChat does not know → invalid_openid (40003)', async () => {
    await expect(client.sendSubscribeMessage(reminder('oNobody000000000000000000000'))).rejects.toMatchObject({
      kind: 'invalid_openid',
      errcode: 40003,
    });
  });

  test('a template field over its limit → invalid_argument (47003), and the grant is kept', async () => {
    env.state.grantSubscription(openid, MEETING_TEMPLATE, 1);
    const tooLong = '关于三号楼加装电梯方案的第二次业主大会表决'; // 21 characters; thing allows 20
    await expect(client.sendSubscribeMessage(reminder(openid, tooLong))).rejects.toMatchObject({
      kind: 'invalid_argument',
      errcode: 47003,
    });
    expect(env.state.grantsLeft(openid, MEETING_TEMPLATE)).toBe(1);
    await client.sendSubscribeMessage(reminder(openid, tooLong.slice(0, 20)));
    expect(env.state.sentMessages).toHaveLength(1);
  });
});
