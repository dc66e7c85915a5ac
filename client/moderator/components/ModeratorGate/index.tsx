import type { Me } from '@shared/auth/auth.schema';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { PageLayout } from '@/components/PageLayout';
import { refreshMe } from '@/services/auth';
import { type ModeratedCommunity, moderatedCommunities } from '@/services/moderation';
import { ApiError } from '@/services/request';
import { selectCommunity, useSession } from '@/services/session';
import { ModeratorButton } from '../ModeratorButton';
import { StatusPanel } from '../StatusPanel';
import './index.css';

export type ModeratorPage = 'index' | 'approvals' | 'members' | 'roster';

/** Where a committee page lives, for the given community. */
export function moderatorPageUrl(page: ModeratorPage, communityId: number): string {
  return `/moderator/${page}/index?communityId=${communityId}`;
}

export interface ModeratorContext {
  me: Me;
  /** The community the pages act on. */
  community: ModeratedCommunity;
  /** Every community the user moderates (usually one). */
  communities: ModeratedCommunity[];
  selectCommunity: (communityId: number) => void;
}

type GateState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'not-moderator'; me: Me }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; me: Me; communities: ModeratedCommunity[] };

interface ModeratorGateProps {
  title: string;
  intro: string;
  /** Sub-pages show a way back to the workbench. */
  showBackToWorkbench?: boolean;
  children: (context: ModeratorContext) => ReactNode;
}

/** The community asked for in the page's URL (`?communityId=`), if any. */
function requestedCommunityId(): number | undefined {
  const raw = Taro.getCurrentInstance()?.router?.params?.communityId;
  const id = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** Back to the workbench: the previous page when it is there, else the workbench opened afresh. */
export function backToWorkbench(communityId: number) {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.navigateTo({ url: moderatorPageUrl('index', communityId) });
}

/**
 * Frame of every committee page: loads who is signed in and lets only the
 * moderators of a community through; everyone else gets a sentence saying
 * why, and what to do.
 */
export function ModeratorGate({ title, intro, showBackToWorkbench = false, children }: ModeratorGateProps) {
  const [state, setState] = useState<GateState>({ kind: 'loading' });
  const [chosenId, setChosenId] = useState<number | undefined>(undefined);
  // Read once: later the router may describe another page pushed on top of this one.
  const [urlCommunityId] = useState(requestedCommunityId);
  const session = useSession();
  const mounted = useRef(true);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      // Roles change (a grant, a revocation): ask the server rather than trust the stored profile.
      const me = await refreshMe({ showErrorToast: false });
      if (!mounted.current) return;
      if (!me) {
        setState({ kind: 'signed-out' });
        return;
      }
      const communities = moderatedCommunities(me);
      setState(communities.length === 0 ? { kind: 'not-moderator', me } : { kind: 'ready', me, communities });
    } catch (error) {
      if (!mounted.current) return;
      if (error instanceof ApiError && error.status === 401) setState({ kind: 'signed-out' });
      else setState({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败，请稍后重试' });
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    void load();
    return () => {
      mounted.current = false;
    };
  }, [load]);

  if (state.kind !== 'ready') {
    return (
      <PageLayout title={title} intro={intro}>
        {state.kind === 'loading' && <StatusPanel kind="loading" title="正在确认您的工作人员身份…" />}
        {state.kind === 'signed-out' && (
          <StatusPanel
            kind="empty"
            title="请先登录"
            description="社区工作台仅供社区工作人员使用，请先在“我的”页面登录。"
          >
            <ModeratorButton onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
              前往“我的”登录
            </ModeratorButton>
          </StatusPanel>
        )}
        {state.kind === 'not-moderator' && (
          <StatusPanel
            kind="empty"
            title="您还不是社区工作人员"
            description={`当前账号（${state.me.nickname}）没有任何社区的社区工作者权限，不能审核认证、管理成员或导入名册。如需开通，请联系社区居委会或街道为您授权。`}
          >
            <ModeratorButton variant="secondary" onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
              返回“我的”
            </ModeratorButton>
          </StatusPanel>
        )}
        {state.kind === 'failed' && (
          <StatusPanel kind="error" title="加载失败" description={state.message}>
            <ModeratorButton variant="secondary" onClick={() => void load()}>
              重试
            </ModeratorButton>
          </StatusPanel>
        )}
      </PageLayout>
    );
  }

  // The community switched to here, else the one in the URL, else the one chosen app-wide, else the first.
  const wanted = [chosenId, urlCommunityId, session.communityId];
  const community =
    wanted
      .map((id) => state.communities.find((candidate) => candidate.id === id))
      .find((candidate) => candidate !== undefined) ?? state.communities[0]!;
  const switchCommunity = (communityId: number) => {
    setChosenId(communityId);
    selectCommunity(communityId);
  };
  return (
    <PageLayout title={title} intro={intro}>
      <View className="moderator-gate__bar">
        <View className="moderator-gate__community">
          {community.name}
          <View className="moderator-gate__subdistrict">{community.subDistrictName}</View>
        </View>
        {showBackToWorkbench && (
          <ModeratorButton variant="secondary" onClick={() => backToWorkbench(community.id)}>
            返回工作台
          </ModeratorButton>
        )}
      </View>
      {children({ me: state.me, community, communities: state.communities, selectCommunity: switchCommunity })}
    </PageLayout>
  );
}
