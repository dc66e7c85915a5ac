import type { ClaimStatus } from '@shared/auth/roles';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  approveClaim,
  CLAIMS_CHANGED_EVENT,
  listClaims,
  type ModeratedCommunity,
  type ModerationClaim,
  rejectClaim,
} from '@/services/moderation';
import { ApiError } from '@/services/request';
import { ClaimCard } from '../components/ClaimCard';
import { ModeratorButton } from '../components/ModeratorButton';
import { ModeratorGate } from '../components/ModeratorGate';
import { SegmentedTabs } from '../components/SegmentedTabs';
import { StatusPanel } from '../components/StatusPanel';

type ReviewTab = Extract<ClaimStatus, 'pending' | 'approved' | 'rejected'>;

const TABS: readonly { value: ReviewTab; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '已驳回' },
];

const EMPTY_TEXT: Record<ReviewTab, string> = {
  pending: '没有待审核的认证申请。居民提交后会出现在这里。',
  approved: '还没有通过的认证申请。',
  rejected: '还没有驳回的认证申请。',
};

type ListState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; claims: ModerationClaim[] };

/** 认证审核: residents' unit claims the roster could not confirm, for a moderator to decide. */
export default function ApprovalsPage() {
  return (
    <ModeratorGate
      title="认证审核"
      intro="核对居民的房屋认证申请：比对名册上的业主和证明材料，通过或写明原因驳回。"
      showBackToWorkbench
    >
      {({ community }) => <ClaimReview community={community} />}
    </ModeratorGate>
  );
}

function ClaimReview({ community }: { community: ModeratedCommunity }) {
  const [tab, setTab] = useState<ReviewTab>('pending');
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const [pendingCount, setPendingCount] = useState<number | undefined>(undefined);
  const latest = useRef(0);

  const load = useCallback(
    async (status: ReviewTab) => {
      const ticket = ++latest.current;
      setState({ kind: 'loading' });
      try {
        const claims = await listClaims(community.id, status, { showErrorToast: false });
        if (ticket !== latest.current) return;
        setState({ kind: 'loaded', claims });
        if (status === 'pending') setPendingCount(claims.length);
      } catch (error) {
        if (ticket !== latest.current) return;
        setState({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败，请稍后重试' });
      }
    },
    [community.id],
  );

  useEffect(() => {
    void load(tab);
  }, [load, tab]);

  /** Takes a decided claim off the pending list and tells the workbench. */
  const settle = (claim: ModerationClaim, message: string) => {
    setState((previous) =>
      previous.kind === 'loaded'
        ? { kind: 'loaded', claims: previous.claims.filter((item) => item.id !== claim.id) }
        : previous,
    );
    setPendingCount((count) => (count === undefined ? count : Math.max(0, count - 1)));
    Taro.eventCenter.trigger(CLAIMS_CHANGED_EVENT, community.id);
    void Taro.showToast({ title: message, icon: 'success', duration: 2000 });
  };

  /** Someone else decided it first: the list is stale, reload it. */
  const reloadIfStale = (error: unknown) => {
    if (error instanceof ApiError && (error.code === 'ILLEGAL_TRANSITION' || error.code === 'NOT_FOUND')) {
      void load(tab);
      Taro.eventCenter.trigger(CLAIMS_CHANGED_EVENT, community.id);
    }
    throw error;
  };

  const approve = async (claim: ModerationClaim) => {
    await approveClaim(claim.id).catch(reloadIfStale);
    settle(claim, '已通过');
  };

  const reject = async (claim: ModerationClaim, reason: string) => {
    await rejectClaim(claim.id, reason).catch(reloadIfStale);
    settle(claim, '已驳回');
  };

  const options = TABS.map((option) =>
    option.value === 'pending' && pendingCount ? { ...option, count: pendingCount } : option,
  );

  return (
    <>
      <SegmentedTabs label="审核状态" options={options} value={tab} onChange={setTab} />
      {state.kind === 'loading' && <StatusPanel kind="loading" title="正在加载认证申请…" />}
      {state.kind === 'failed' && (
        <StatusPanel kind="error" title="认证申请加载失败" description={state.message}>
          <ModeratorButton variant="secondary" onClick={() => void load(tab)}>
            重试
          </ModeratorButton>
        </StatusPanel>
      )}
      {state.kind === 'loaded' && state.claims.length === 0 && (
        <StatusPanel kind="empty" title="暂无申请" description={EMPTY_TEXT[tab]} />
      )}
      {state.kind === 'loaded' &&
        state.claims.map((claim) => <ClaimCard key={claim.id} claim={claim} onApprove={approve} onReject={reject} />)}
    </>
  );
}
