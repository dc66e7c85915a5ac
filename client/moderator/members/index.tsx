import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type GrantRoleInput,
  grantRole,
  listEstates,
  listMembers,
  MEMBER_PAGE_SIZE,
  type Member,
  type MemberStatusFilter,
  type ModeratedCommunity,
  restoreMember,
  revokeRole,
  suspendMember,
} from '@/services/moderation';
import { ApiError } from '@/services/request';
import { MemberCard } from '../components/MemberCard';
import { ModeratorButton } from '../components/ModeratorButton';
import { ModeratorGate } from '../components/ModeratorGate';
import { SegmentedTabs } from '../components/SegmentedTabs';
import { StatusPanel } from '../components/StatusPanel';
import './index.css';
import { submitOnEnter } from '../components/submit-on-enter';

const STATUS_OPTIONS: readonly { value: MemberStatusFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'active', label: '正常' },
  { value: 'suspended', label: '已暂停' },
];

interface ListState {
  members: Member[];
  /** Another page may follow (the last one came back full). */
  hasMore: boolean;
  phase: 'loading' | 'loading-more' | 'idle' | 'failed';
  message?: string;
}

/** 成员管理: everyone who joined the community, with suspension and restoration. */
export default function MembersPage() {
  return (
    <ModeratorGate
      title="成员管理"
      intro="查看社区成员的实名信息、身份和房屋；对违反议事规则的成员暂停使用，并可随时恢复。"
      showBackToWorkbench
    >
      {({ community, me }) => <MemberDirectory community={community} myUserId={me.id} />}
    </ModeratorGate>
  );
}

function MemberDirectory({ community, myUserId }: { community: ModeratedCommunity; myUserId: number }) {
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<MemberStatusFilter>('all');
  const [list, setList] = useState<ListState>({ members: [], hasMore: false, phase: 'loading' });
  const [estates, setEstates] = useState<{ id: number; name: string }[]>([]);
  const latest = useRef(0);

  useEffect(() => {
    // Only the role form needs them; without them estate roles cannot be granted, the rest still works.
    listEstates(community.id, { showErrorToast: false }).then(setEstates, () => setEstates([]));
  }, [community.id]);

  const loadPage = useCallback(
    async (after: number | undefined) => {
      const ticket = ++latest.current;
      setList((previous) => ({
        members: after === undefined ? [] : previous.members,
        hasMore: previous.hasMore,
        phase: after === undefined ? 'loading' : 'loading-more',
      }));
      try {
        const page = await listMembers(community.id, { status, q: query, after }, { showErrorToast: false });
        if (ticket !== latest.current) return;
        setList((previous) => ({
          members: after === undefined ? page : [...previous.members, ...page],
          hasMore: page.length === MEMBER_PAGE_SIZE,
          phase: 'idle',
        }));
      } catch (error) {
        if (ticket !== latest.current) return;
        setList((previous) => ({
          ...previous,
          phase: 'failed',
          message: error instanceof ApiError ? error.message : '加载失败，请稍后重试',
        }));
      }
    },
    [community.id, status, query],
  );

  useEffect(() => {
    void loadPage(undefined);
  }, [loadPage]);

  const replace = (userId: number, change: Partial<Member>) =>
    setList((previous) => ({
      ...previous,
      members: previous.members.map((member) => (member.userId === userId ? { ...member, ...change } : member)),
    }));

  const suspend = async (member: Member, reason: string) => {
    await suspendMember(community.id, member.userId, reason);
    replace(member.userId, { status: 'suspended', suspendedReason: reason });
    void Taro.showToast({ title: '已暂停', icon: 'success', duration: 2000 });
  };

  const restore = async (member: Member) => {
    await restoreMember(community.id, member.userId);
    replace(member.userId, { status: 'active', suspendedReason: null });
    void Taro.showToast({ title: '已恢复', icon: 'success', duration: 2000 });
  };

  const grant = async (member: Member, input: Omit<GrantRoleInput, 'userId'>) => {
    await grantRole(community.id, { userId: member.userId, ...input });
    if (!member.roles.includes(input.role)) replace(member.userId, { roles: [...member.roles, input.role] });
    void Taro.showToast({ title: '已授予', icon: 'success', duration: 2000 });
  };

  const revoke = async (member: Member, grantId: number) => {
    await revokeRole(grantId);
    const grants = member.grants.filter((g) => g.id !== grantId);
    const revoked = member.grants.find((g) => g.id === grantId);
    const stillHeld = grants.some((g) => g.role === revoked?.role);
    replace(member.userId, {
      grants,
      roles: stillHeld ? member.roles : member.roles.filter((r) => r !== revoked?.role),
    });
    void Taro.showToast({ title: '已撤销', icon: 'success', duration: 2000 });
  };

  const search = () => setQuery(draft.trim());
  const lastUserId = list.members.at(-1)?.userId;

  return (
    <>
      <View className="members-page__search" role="search">
        <Input
          className="members-page__search-input"
          value={draft}
          confirmType="search"
          maxlength={50}
          placeholder="输入姓名、昵称或手机号"
          aria-label="搜索成员（姓名、昵称或手机号）"
          onInput={(event) => setDraft(event.detail.value)}
          {...submitOnEnter(search)}
        />
        <ModeratorButton onClick={search}>搜索</ModeratorButton>
        {query !== '' && (
          <ModeratorButton
            variant="secondary"
            onClick={() => {
              setDraft('');
              setQuery('');
            }}
          >
            清除
          </ModeratorButton>
        )}
      </View>
      <SegmentedTabs label="成员状态" options={STATUS_OPTIONS} value={status} onChange={setStatus} />

      {list.phase === 'loading' && <StatusPanel kind="loading" title="正在加载成员…" />}
      {list.phase !== 'loading' && list.members.length === 0 && list.phase !== 'failed' && (
        <StatusPanel
          kind="empty"
          title="没有找到成员"
          description={query ? `没有与“${query}”相符的成员，请换个关键词试试。` : '这里还没有成员。'}
        />
      )}
      {list.members.length > 0 && (
        <View className="members-page__count" role="status">
          {query ? `“${query}”的搜索结果，` : ''}已显示 {list.members.length} 人{list.hasMore ? '，还有更多' : ''}
        </View>
      )}
      {list.members.length > 0 && (
        <View className="members-page__list">
          {list.members.map((member) => (
            <MemberCard
              key={member.userId}
              member={member}
              isSelf={member.userId === myUserId}
              onSuspend={suspend}
              onRestore={restore}
              estates={estates}
              onGrant={grant}
              onRevoke={revoke}
            />
          ))}
        </View>
      )}
      {list.phase === 'failed' && (
        <StatusPanel kind="error" title="成员加载失败" description={list.message}>
          <ModeratorButton
            variant="secondary"
            onClick={() => void loadPage(list.members.length > 0 ? lastUserId : undefined)}
          >
            重试
          </ModeratorButton>
        </StatusPanel>
      )}
      {list.hasMore && list.phase !== 'failed' && list.phase !== 'loading' && (
        <ModeratorButton
          variant="secondary"
          busy={list.phase === 'loading-more'}
          onClick={() => void loadPage(lastUserId)}
        >
          加载更多
        </ModeratorButton>
      )}
    </>
  );
}
