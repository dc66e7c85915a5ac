import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { PrivacySummary } from '@/components/PrivacySummary';
import { acceptPrivacyAgreement } from '@/services/auth';
import { goBack, PAGES, replacePage } from '@/services/navigation';
import { ensureWechatPrivacyAuthorized } from '@/services/privacy';
import { useSession } from '@/services/session';
import './index.css';

/** Where to go after consenting: `?next=claim` continues to the unit claim; anything else goes back. */
function continueAfterConsent() {
  const next = Taro.getCurrentInstance().router?.params?.next;
  if (next === 'claim') replacePage(PAGES.claim);
  else goBack(PAGES.me);
}

/**
 * Our privacy agreement. Residents who have not accepted it see 同意并继续 /
 * 暂不同意; nothing personal is collected before they agree. On the
 * mini-program, WeChat's own privacy authorization runs first.
 */
export default function PrivacyPage() {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [declinedInWechat, setDeclinedInWechat] = useState(false);
  const needsConsent = Boolean(session.token) && session.me?.privacyAccepted === false;

  const agree = async () => {
    setBusy(true);
    try {
      if (!(await ensureWechatPrivacyAuthorized())) {
        setDeclinedInWechat(true);
        return;
      }
      await acceptPrivacyAgreement();
      void Taro.showToast({ title: '已同意隐私保护指引', icon: 'none', duration: 2000 });
      continueAfterConsent();
    } catch {
      // The request module has shown why; the buttons stay.
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageLayout
      title="隐私保护指引"
      intro="在您认证房屋、上传照片之前，请花一分钟了解我们收集哪些个人信息、谁能看到，以及您的权利。"
    >
      <PrivacySummary />
      {needsConsent ? (
        <View className="privacy-page__actions">
          {declinedInWechat ? (
            <Notice tone="warning" live="alert">
              您在微信的隐私弹窗中没有同意，暂时无法继续。需要时可以再次点击“同意并继续”。
            </Notice>
          ) : null}
          <ActionButton loading={busy} onClick={() => void agree()}>
            同意并继续
          </ActionButton>
          <ActionButton
            variant="secondary"
            disabled={busy}
            onClick={() => {
              void Taro.showToast({ title: '未同意，暂不能认证房屋', icon: 'none', duration: 2500 });
              goBack(PAGES.me);
            }}
          >
            暂不同意
          </ActionButton>
        </View>
      ) : (
        <View className="privacy-page__actions">
          {session.me?.privacyAccepted ? <Notice tone="success">您已同意本指引。</Notice> : null}
          <ActionButton variant="secondary" onClick={() => goBack(PAGES.me)}>
            返回
          </ActionButton>
        </View>
      )}
    </PageLayout>
  );
}
