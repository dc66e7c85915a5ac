import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { LinkRow } from '@/components/LinkRow';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { SignInPrompt } from '@/components/SignInPrompt';
import { TextField } from '@/components/TextField';
import { saveTextFile } from '@/platform';
import { DELETE_CONFIRMATION, deleteAccount, exportMyData } from '@/services/auth';
import { openPage, PAGES } from '@/services/navigation';
import { useSession } from '@/services/session';
import './index.css';

/** 导出我的数据: fetches the JSON, downloads it on the web, and shows it with a copy button everywhere. */
function ExportMyData({ userId }: { userId: number }) {
  const [json, setJson] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [downloaded, setDownloaded] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const text = JSON.stringify(await exportMyData(), null, 2);
      setJson(text);
      setDownloaded(saveTextFile(`yishi-my-data-${userId}.json`, text));
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section
      title="导出我的数据"
      description="我们保存的关于您的全部信息：个人资料、加入的社区、房屋认证、消息等（JSON 格式）。"
    >
      <ActionButton variant="secondary" loading={busy} onClick={() => void run()}>
        导出我的数据
      </ActionButton>
      {json ? (
        <View className="personal-data__export">
          <Notice tone="success" live="status">
            {downloaded ? '已下载文件，内容也显示在下面。' : '您的数据显示在下面，可以复制保存。'}
          </Notice>
          <View
            className="personal-data__json"
            role="region"
            aria-label="我的数据（JSON）"
            {...(process.env.TARO_ENV === 'h5' ? { tabIndex: 0 } : {})}
          >
            {/* Selectable for copying on the mini-program; web text is selectable anyway. */}
            <Text {...(process.env.TARO_ENV === 'weapp' ? { userSelect: true } : {})}>{json}</Text>
          </View>
          <ActionButton
            variant="secondary"
            onClick={() => void Promise.resolve(Taro.setClipboardData({ data: json })).catch(() => undefined)}
          >
            复制全部内容
          </ActionButton>
        </View>
      ) : null}
    </Section>
  );
}

/** 注销账号: a warning, the typed confirmation, then the deletion. */
function DeleteAccount() {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const confirmed = typed.trim() === DELETE_CONFIRMATION;

  const run = async () => {
    if (!confirmed) return;
    setBusy(true);
    try {
      await deleteAccount();
      void Taro.showToast({ title: '账号已注销', icon: 'none', duration: 2500 });
      openPage(PAGES.me);
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="注销账号" tone="danger">
      <Notice tone="danger" title="注销后无法恢复">
        您的姓名、手机号、房屋认证和上传的照片将被删除，您会退出所有社区。您公开发表过的议题、附议和表决记录会保留，但改为匿名显示。
      </Notice>
      <TextField
        label={`请输入“${DELETE_CONFIRMATION}”两个字确认`}
        value={typed}
        onChange={setTyped}
        maxLength={10}
        placeholder={DELETE_CONFIRMATION}
      />
      <ActionButton variant="danger" disabled={!confirmed} loading={busy} onClick={() => void run()}>
        注销账号
      </ActionButton>
    </Section>
  );
}

/** 隐私与个人信息: the agreement, the resident's data, and deleting the account (PIPL rights). */
export default function PersonalDataPage() {
  const { token, me } = useSession();
  return (
    <PageLayout title="隐私与个人信息" intro="查看我们如何使用您的信息，导出您的数据，或注销账号。">
      <LinkRow
        label="隐私保护指引"
        description="我们收集什么、谁能看到、您的权利"
        onPress={() => openPage(PAGES.privacy)}
      />
      {token && me ? (
        <>
          <ExportMyData userId={me.id} />
          <DeleteAccount />
        </>
      ) : (
        <SignInPrompt description="登录后可以导出您的数据或注销账号。" />
      )}
    </PageLayout>
  );
}
