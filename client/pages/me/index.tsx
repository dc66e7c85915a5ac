import type { MyUnit } from '@shared/auth/auth.schema';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { CommunitySwitcher, JoinCommunity } from '@/components/CommunitySwitcher';
import { LinkRow } from '@/components/LinkRow';
import { MyUnits } from '@/components/MyUnits';
import { PageLayout } from '@/components/PageLayout';
import { ProfileCard } from '@/components/ProfileCard';
import { Section } from '@/components/Section';
import { SignInPrompt } from '@/components/SignInPrompt';
import { ToggleRow } from '@/components/ToggleRow';
import { refreshMe, signOut, updateProfile } from '@/services/auth';
import { withdrawClaim } from '@/services/claims';
import { openPage, PAGES, startUnitClaim } from '@/services/navigation';
import { currentCommunity, hasRoleAnywhere, useSession } from '@/services/session';
import './index.css';

/** Roles that open the committee workbench (the moderator subpackage). */
const STAFF_ROLES = ['moderator', 'subdistrict_admin'] as const;

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  try {
    const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
    return answer.confirm;
  } catch {
    return false;
  }
}

export default function MePage() {
  const session = useSession();
  const { me } = session;
  const [withdrawing, setWithdrawing] = useState<number>();
  const [savingLargeText, setSavingLargeText] = useState(false);

  // Claim decisions and new messages arrive while the resident is elsewhere.
  useDidShow(() => {
    void refreshMe({ showErrorToast: false }).catch(() => undefined);
  });

  if (!session.token || !me) {
    return (
      <PageLayout title="我的" intro="登录后，这里会显示您的房屋认证、社区消息和个人设置。">
        {session.token ? <View className="me-page__loading">正在读取您的信息…</View> : <SignInPrompt />}
      </PageLayout>
    );
  }

  const community = currentCommunity(session);
  const units = me.units.filter((unit) => !community || unit.communityId === community.id);

  const withdraw = async (unit: MyUnit) => {
    const address = `${unit.estateName}${unit.buildingName}${unit.label}`;
    if (!(await confirm('撤回认证申请', `确定撤回 ${address} 的认证申请吗？撤回后可以重新申请。`, '撤回'))) return;
    setWithdrawing(unit.claimId);
    try {
      await withdrawClaim(unit.claimId);
      void Taro.showToast({ title: '已撤回申请', icon: 'none', duration: 2000 });
    } catch {
      // Shown by the request module.
    } finally {
      setWithdrawing(undefined);
    }
  };

  const toggleLargeText = async (on: boolean) => {
    setSavingLargeText(true);
    try {
      await updateProfile({ largeText: on });
    } catch {
      // Shown by the request module; the switch keeps its old state.
    } finally {
      setSavingLargeText(false);
    }
  };

  const logout = async () => {
    if (!(await confirm('退出登录', '退出后需要重新登录才能查看您的房屋和消息。', '退出'))) return;
    signOut();
    void Taro.showToast({ title: '已退出登录', icon: 'none', duration: 2000 });
  };

  return (
    <PageLayout title="我的" intro="您的个人信息、房屋认证、社区消息和设置。">
      <ProfileCard me={me} community={community}>
        <CommunitySwitcher />
      </ProfileCard>
      {me.communities.length === 0 ? <JoinCommunity /> : null}

      <Section title="我的房屋">
        <MyUnits units={units} onWithdraw={(unit) => void withdraw(unit)} withdrawingClaimId={withdrawing} />
        <ActionButton onClick={startUnitClaim}>认证房屋</ActionButton>
      </Section>

      <LinkRow
        label="消息中心"
        value={me.unreadNotifications > 0 ? `${me.unreadNotifications} 条未读` : '没有未读消息'}
        highlight={me.unreadNotifications > 0}
        onPress={() => openPage(PAGES.notifications)}
      />

      <Section title="设置">
        <ToggleRow
          label="大字模式"
          description="放大全部文字和按钮，看得更清楚。"
          checked={me.largeText}
          disabled={savingLargeText}
          onChange={(on) => void toggleLargeText(on)}
        />
      </Section>

      <LinkRow
        label="隐私与个人信息"
        description="查看隐私保护指引、导出我的数据、注销账号"
        onPress={() => openPage(PAGES.personalData)}
      />

      {hasRoleAnywhere(session, STAFF_ROLES) ? (
        <View className="me-page__staff" role="region" aria-label="社区工作人员入口">
          <View className="me-page__staff-title" role="heading" aria-level={2}>
            社区工作人员
          </View>
          <View className="me-page__staff-text">在社区工作台审核房屋认证、受理议题、组织议事会。</View>
          <ActionButton variant="secondary" onClick={() => openPage(PAGES.moderator)}>
            进入社区工作台
          </ActionButton>
          <ActionButton variant="secondary" onClick={() => openPage('/stats/index/index')}>
            统计与台账
          </ActionButton>
        </View>
      ) : null}

      <LinkRow
        label="输入邀请码"
        description="社区工作人员首次使用：输入居委会或街道提供的邀请码"
        onPress={() => openPage(PAGES.invite)}
      />

      <ActionButton variant="secondary" onClick={() => void logout()}>
        退出登录
      </ActionButton>
    </PageLayout>
  );
}
