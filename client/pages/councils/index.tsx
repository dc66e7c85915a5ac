import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { pressableProps } from '@/components/pressable';
import { Section } from '@/components/Section';
import { describeMoment } from '@/components/when';
import { listCommunities } from '@/services/communities';
import { openPage } from '@/services/navigation';
import { currentCommunity, selectCommunity, useSession } from '@/services/session';
import { electorateLabel, listCommunityVotes, VOTE_PAGES, type VoteSummary, voteDetailUrl } from '@/services/votes';
import './index.css';

type Loaded = { kind: 'loading' } | { kind: 'ready'; votes: VoteSummary[] } | { kind: 'failed' };

function VoteCard({ vote }: { vote: VoteSummary }) {
  const open = vote.status === 'open';
  return (
    <View
      className="vote-card yishi-pressable"
      {...pressableProps(() => openPage(voteDetailUrl(vote.id)), { role: 'link' })}
    >
      <View className={open ? 'vote-card__status vote-card__status--open' : 'vote-card__status'}>
        {open ? '进行中' : '已结束'}
      </View>
      <View className="vote-card__title">{vote.title}</View>
      <View className="vote-card__meta">{electorateLabel(vote.electorate)}</View>
      <View className="vote-card__meta">
        {open ? '截止时间' : '截止于'}：{describeMoment(vote.closesAt)}
      </View>
    </View>
  );
}

/** 议事会 tab: the community's votes, open ones first; moderators start new ones here. */
export default function CouncilsPage() {
  const session = useSession();
  const mine = currentCommunity(session);
  const communityId = mine?.id ?? session.communityId;
  const isModerator = Boolean(mine?.roles.includes('moderator'));
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const shown = useRef(false);

  // Anyone may read the list: without a chosen community, the first one.
  useEffect(() => {
    if (communityId !== undefined) return;
    listCommunities()
      .then((list) => {
        if (list[0]) selectCommunity(list[0].id);
      })
      .catch(() => undefined);
  }, [communityId]);

  const load = useCallback(async () => {
    if (communityId === undefined) return;
    try {
      setLoaded({ kind: 'ready', votes: await listCommunityVotes(communityId, { showErrorToast: false }) });
    } catch {
      setLoaded({ kind: 'failed' });
    }
  }, [communityId]);

  useEffect(() => {
    void load();
  }, [load]);

  useDidShow(() => {
    if (shown.current) void load();
    shown.current = true;
  });

  const votes = loaded.kind === 'ready' ? loaded.votes : [];
  const open = votes.filter((v) => v.status === 'open');
  const closed = votes.filter((v) => v.status === 'closed');

  return (
    <PageLayout title="议事会" intro="社区的表决：进行中的可以投票，已结束的可以查看结果和投票记录。">
      {isModerator ? <ActionButton onClick={() => openPage(VOTE_PAGES.create)}>发起表决</ActionButton> : null}
      {loaded.kind === 'loading' ? (
        <View className="councils__muted" role="status">
          正在读取表决…
        </View>
      ) : null}
      {loaded.kind === 'failed' ? (
        <Notice tone="danger" title="表决列表没有读取成功" live="alert">
          请检查网络后重试。
          <View className="councils__action">
            <ActionButton variant="secondary" onClick={() => void load()}>
              重新加载
            </ActionButton>
          </View>
        </Notice>
      ) : null}
      {loaded.kind === 'ready' ? (
        <>
          <Section title="进行中">
            {open.length === 0 ? <View className="councils__muted">现在没有进行中的表决。</View> : null}
            <View className="councils__list" role="list">
              {open.map((vote) => (
                <View key={vote.id} role="listitem">
                  <VoteCard vote={vote} />
                </View>
              ))}
            </View>
          </Section>
          <Section title="已结束">
            {closed.length === 0 ? <View className="councils__muted">还没有已结束的表决。</View> : null}
            <View className="councils__list" role="list">
              {closed.map((vote) => (
                <View key={vote.id} role="listitem">
                  <VoteCard vote={vote} />
                </View>
              ))}
            </View>
          </Section>
        </>
      ) : null}
    </PageLayout>
  );
}
