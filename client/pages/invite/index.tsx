import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { PageLayout } from '@/components/PageLayout';
import { SignInPrompt } from '@/components/SignInPrompt';
import { TextField } from '@/components/TextField';
import { redeemInvite } from '@/services/auth';
import { goBack } from '@/services/navigation';
import { useSession } from '@/services/session';

const CODE_PATTERN = /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/;

/** A committee's first staff member (or a sub-district admin) enters the one-time code they were given. */
export default function InvitePage() {
  const session = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (!session.token) {
    return (
      <PageLayout title="输入邀请码" intro="请先登录，再输入居委会或街道提供的邀请码。">
        <SignInPrompt />
      </PageLayout>
    );
  }

  const submit = async () => {
    const trimmed = code.trim();
    if (!CODE_PATTERN.test(trimmed)) {
      setError('邀请码是 8 位字母和数字，例如 K7M2-Q9XP');
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await redeemInvite(trimmed);
      void Taro.showToast({ title: '已开通工作人员权限', icon: 'none', duration: 2000 });
      goBack();
    } catch {
      // The request module shows the server's message (邀请码无效或已过期).
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageLayout
      title="输入邀请码"
      intro="社区工作人员第一次使用时，输入居委会或街道提供的一次性邀请码，即可开通相应的工作权限。"
    >
      <TextField
        label="邀请码"
        value={code}
        onChange={setCode}
        placeholder="例如 K7M2-Q9XP"
        hint="邀请码只能使用一次，有效期 7 天。"
        error={error}
        maxLength={9}
      />
      <View>
        <ActionButton onClick={() => void submit()} disabled={busy}>
          确认开通
        </ActionButton>
      </View>
    </PageLayout>
  );
}
