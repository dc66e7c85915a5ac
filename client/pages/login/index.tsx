import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { PersonaCard } from '@/components/PersonaCard';
import { Section } from '@/components/Section';
import { listDemoPersonas, type Persona, signInAsPersona, signInWithWechat } from '@/services/auth';
import { goBack, PAGES } from '@/services/navigation';
import './index.css';

/** After signing in: back to the page that needed it, else 我的. */
function leaveLoginPage(name: string) {
  void Taro.showToast({ title: `已登录：${name}`, icon: 'none', duration: 2000 });
  goBack(PAGES.me);
}

/** Mini-program: one button, WeChat sign-in. */
function WechatLogin() {
  const [busy, setBusy] = useState(false);
  const login = async () => {
    setBusy(true);
    try {
      const { user } = await signInWithWechat();
      leaveLoginPage(user.nickname);
    } catch {
      // The request module has shown why; the button stays for another try.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="使用微信登录" description="我们只用微信账号识别您的身份，不会获取您的微信好友和聊天内容。">
      <ActionButton loading={busy} onClick={() => void login()}>
        微信一键登录
      </ActionButton>
    </Section>
  );
}

type PersonaState =
  | { kind: 'loading' }
  | { kind: 'demo'; personas: Persona[] }
  | { kind: 'closed' }
  | { kind: 'failed' };

/** Web: demo personas when the server runs the demo; otherwise an honest note. */
function WebLogin() {
  const [state, setState] = useState<PersonaState>({ kind: 'loading' });
  const [busyKey, setBusyKey] = useState<string>();

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const personas = await listDemoPersonas();
      setState(personas ? { kind: 'demo', personas } : { kind: 'closed' });
    } catch {
      setState({ kind: 'failed' });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const choose = async (persona: Persona) => {
    setBusyKey(persona.key);
    try {
      const { user } = await signInAsPersona(persona.key);
      leaveLoginPage(user.nickname);
    } catch {
      // Shown by the request module.
    } finally {
      setBusyKey(undefined);
    }
  };

  if (state.kind === 'loading') return <View className="login-page__loading">正在读取登录方式…</View>;
  if (state.kind === 'failed') {
    return (
      <Section title="暂时无法登录" description="无法连接服务器，请检查网络后重试。">
        <ActionButton variant="secondary" onClick={() => void load()}>
          重试
        </ActionButton>
      </Section>
    );
  }
  if (state.kind === 'closed') {
    return (
      <Notice tone="info" title="网页版需要已绑定微信的账号">
        网页版工作台供社区工作人员使用，需要先在微信中打开“议事”小程序登录。居民请直接使用微信小程序。
      </Notice>
    );
  }
  return (
    <View className="login-page__personas">
      <Notice tone="warning" title="演示模式">
        这是演示环境，数据均为虚构。请选择一位演示人物登录，体验不同身份看到的内容。
      </Notice>
      <View className="login-page__list" role="list" aria-label="演示人物">
        {state.personas.map((persona) => (
          <View key={persona.key} role="listitem">
            <PersonaCard
              persona={persona}
              busy={busyKey === persona.key}
              disabled={busyKey !== undefined}
              onChoose={(chosen) => void choose(chosen)}
            />
          </View>
        ))}
      </View>
    </View>
  );
}

export default function LoginPage() {
  const onWeapp = process.env.TARO_ENV === 'weapp';
  return (
    <PageLayout
      title="登录"
      intro={onWeapp ? '登录后可以认证房屋、接收社区消息，并参与议题和表决。' : '登录议事网页版。'}
    >
      {onWeapp ? <WechatLogin /> : <WebLogin />}
    </PageLayout>
  );
}
