import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { SignInPrompt } from '@/components/SignInPrompt';
import { type FiledClaim, UnitClaimForm } from '@/components/UnitClaimForm';
import { refreshMe } from '@/services/auth';
import { goBack, openPage, PAGES, replacePage } from '@/services/navigation';
import { useSession } from '@/services/session';
import './index.css';

/** The result of a filed claim: approved at once, or waiting for the community. */
function ClaimResult({ filed, onAnother }: { filed: FiledClaim; onAnother: () => void }) {
  const approved = filed.claim.status === 'approved';
  return (
    <View className="claim-page__result">
      <Notice tone={approved ? 'success' : 'info'} title={approved ? '已认证' : '已提交，等待社区审核'} live="status">
        {filed.address ? `${filed.address}：` : ''}
        {filed.claim.message}
      </Notice>
      <ActionButton onClick={() => goBack(PAGES.me)}>返回我的</ActionButton>
      <ActionButton variant="secondary" onClick={onAnother}>
        再认证一套房屋
      </ActionButton>
    </View>
  );
}

/** 认证房屋: only after sign-in and the privacy agreement; the form does the rest. */
export default function ClaimPage() {
  const session = useSession();
  const [filed, setFiled] = useState<FiledClaim>();
  const [round, setRound] = useState(0);
  const signedIn = Boolean(session.token);
  const known = signedIn && session.me !== undefined;
  const needsConsent = known && session.me?.privacyAccepted === false;
  const ready = known && !needsConsent;

  useEffect(() => {
    // A session restored without its profile: read it before deciding anything.
    if (signedIn && !session.me) void refreshMe({ showErrorToast: false }).catch(() => undefined);
  }, [signedIn, session.me]);

  useEffect(() => {
    // Nothing personal is collected before the resident agrees.
    if (needsConsent) replacePage(`${PAGES.privacy}?next=claim`);
  }, [needsConsent]);

  return (
    <PageLayout
      title="认证房屋"
      intro="认证您在本社区的房屋后，可以参加本小区的议题讨论和表决。业主信息与花名册一致时立即通过，其他情况由社区工作者审核。"
    >
      {!signedIn ? <SignInPrompt description="请先登录，再认证您的房屋。" /> : null}
      {needsConsent ? (
        <Notice tone="warning" title="请先同意隐私保护指引">
          认证房屋需要收集您的姓名和房号。
          <View className="claim-page__consent">
            <ActionButton onClick={() => openPage(`${PAGES.privacy}?next=claim`)}>阅读隐私保护指引</ActionButton>
          </View>
        </Notice>
      ) : null}
      {signedIn && !known ? <View className="claim-page__loading">正在读取您的信息…</View> : null}
      {ready && filed ? (
        <ClaimResult
          filed={filed}
          onAnother={() => {
            setFiled(undefined);
            setRound(round + 1);
          }}
        />
      ) : null}
      {ready && !filed ? (
        <UnitClaimForm
          key={round}
          communityId={session.communityId}
          defaultName={session.me?.realName ?? ''}
          onFiled={setFiled}
        />
      ) : null}
    </PageLayout>
  );
}
