import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { pressableProps } from '@/components/pressable';
import { Section } from '@/components/Section';
import { SignInPrompt } from '@/components/SignInPrompt';
import { describeMoment } from '@/components/when';
import { listCommunities } from '@/services/communities';
import {
  browseMeetings,
  type Council,
  listCouncils,
  MEETING_PAGES,
  type MeetingPage,
  type MeetingSummary,
} from '@/services/meetings';
import { openPage } from '@/services/navigation';
import { currentCommunity, selectCommunity, useSession } from '@/services/session';
import { electorateLabel, listCommunityVotes, VOTE_PAGES, type VoteSummary, voteDetailUrl } from '@/services/votes';
import { MeetingCard } from '../meetings/meeting-parts';
import './index.css';

type Part<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed' };

interface MeetingList {
  items: MeetingSummary[];
  nextCursor: string | null;
  loadingMore: boolean;
}

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

function CouncilCard({ council }: { council: Council }) {
  const seats = council.seats.filter((s) => s.current);
  return (
    <View className="council-card">
      <View className="council-card__name" role="heading" aria-level={3}>
        {council.name}
        {council.estateName ? `（${council.estateName}）` : ''}
      </View>
      {seats.length === 0 ? <View className="councils__muted">暂无在任成员。</View> : null}
      <View className="council-card__seats" role="list">
        {seats.map((seat) => (
          <View key={seat.id} className="council-seat" role="listitem">
            <View className="council-seat__party">{seat.partyLabel}</View>
            <View className="council-seat__holder">
              {seat.holderName}
              {seat.organisation ? <View className="council-seat__org">{seat.organisation}</View> : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}

function Failed({ what, retry }: { what: string; retry: () => void }) {
  return (
    <Notice tone="danger" title={`${what}没有读取成功`} live="alert">
      请检查网络后重试。
      <View className="councils__action">
        <ActionButton variant="secondary" onClick={retry}>
          重新加载
        </ActionButton>
      </View>
    </Notice>
  );
}

function Loading({ what }: { what: string }) {
  return (
    <View className="councils__muted" role="status">
      正在读取{what}…
    </View>
  );
}

function MeetingSection({
  title,
  part,
  empty,
  onRetry,
  onMore,
}: {
  title: string;
  part: Part<MeetingList>;
  empty: string;
  onRetry: () => void;
  onMore: () => void;
}) {
  return (
    <Section title={title}>
      {part.kind === 'loading' ? <Loading what="会议" /> : null}
      {part.kind === 'failed' ? <Failed what="会议列表" retry={onRetry} /> : null}
      {part.kind === 'ready' ? (
        <>
          {part.value.items.length === 0 ? <View className="councils__muted">{empty}</View> : null}
          <View className="councils__list" role="list">
            {part.value.items.map((meeting) => (
              <View key={meeting.id} role="listitem">
                <MeetingCard meeting={meeting} />
              </View>
            ))}
          </View>
          {part.value.nextCursor ? (
            <View className="councils__action">
              <ActionButton variant="secondary" loading={part.value.loadingMore} onClick={onMore}>
                加载更多会议
              </ActionButton>
            </View>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

/**
 * 议事会 tab: the community's meetings (upcoming and past), its votes (open
 * ones first) and its councils with their seats (holders masked).
 * Moderators reach the meeting console and start votes here.
 */
export default function CouncilsPage() {
  const session = useSession();
  const mine = currentCommunity(session);
  const communityId = mine?.id ?? session.communityId;
  const isModerator = Boolean(mine?.roles.includes('moderator'));
  const [upcoming, setUpcoming] = useState<Part<MeetingList>>({ kind: 'loading' });
  const [past, setPast] = useState<Part<MeetingList>>({ kind: 'loading' });
  const [votes, setVotes] = useState<Part<VoteSummary[]>>({ kind: 'loading' });
  const [councils, setCouncils] = useState<Part<Council[]>>({ kind: 'loading' });
  const shown = useRef(false);

  // Anyone may read the lists: without a chosen community, the first one.
  useEffect(() => {
    if (communityId !== undefined) return;
    listCommunities()
      .then((list) => {
        if (list[0]) selectCommunity(list[0].id);
      })
      .catch(() => undefined);
  }, [communityId]);

  const loadMeetings = useCallback(
    async (when: 'upcoming' | 'past') => {
      if (communityId === undefined) return;
      const set = when === 'upcoming' ? setUpcoming : setPast;
      try {
        const page: MeetingPage = await browseMeetings(communityId, when, undefined, { showErrorToast: false });
        set({ kind: 'ready', value: { ...page, loadingMore: false } });
      } catch {
        set({ kind: 'failed' });
      }
    },
    [communityId],
  );

  const loadVotes = useCallback(async () => {
    if (communityId === undefined) return;
    try {
      setVotes({ kind: 'ready', value: await listCommunityVotes(communityId, { showErrorToast: false }) });
    } catch {
      setVotes({ kind: 'failed' });
    }
  }, [communityId]);

  const loadCouncils = useCallback(async () => {
    if (communityId === undefined) return;
    try {
      setCouncils({ kind: 'ready', value: await listCouncils(communityId, { showErrorToast: false }) });
    } catch {
      setCouncils({ kind: 'failed' });
    }
  }, [communityId]);

  const loadAll = useCallback(() => {
    void loadMeetings('upcoming');
    void loadVotes();
    void loadCouncils();
    void loadMeetings('past');
  }, [loadMeetings, loadVotes, loadCouncils]);

  useEffect(() => {
    loadAll();
  }, [loadAll]);

  useDidShow(() => {
    if (shown.current) loadAll();
    shown.current = true;
  });

  const loadMore = async (when: 'upcoming' | 'past') => {
    const part = when === 'upcoming' ? upcoming : past;
    const set = when === 'upcoming' ? setUpcoming : setPast;
    if (communityId === undefined || part.kind !== 'ready' || !part.value.nextCursor) return;
    const list = part.value;
    set({ kind: 'ready', value: { ...list, loadingMore: true } });
    try {
      const page = await browseMeetings(communityId, when, list.nextCursor ?? undefined);
      set({
        kind: 'ready',
        value: { items: [...list.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false },
      });
    } catch {
      // Toasted by the request module; the button stays for another try.
      set({ kind: 'ready', value: { ...list, loadingMore: false } });
    }
  };

  const allVotes = votes.kind === 'ready' ? votes.value : [];
  const open = allVotes.filter((v) => v.status === 'open');
  const closed = allVotes.filter((v) => v.status === 'closed');

  return (
    <PageLayout title="议事会" intro="社区协商议事会的会议、表决和成员。点开会议可以查看通知、议程并签到。">
      {!session.token ? <SignInPrompt description="登录并认证房屋后，可以在会场签到、申请发言，并参加表决。" /> : null}
      {isModerator ? (
        <View className="councils__moderator">
          <ActionButton
            onClick={() => openPage(`${MEETING_PAGES.console}${communityId ? `?communityId=${communityId}` : ''}`)}
          >
            会议管理
          </ActionButton>
          <ActionButton variant="secondary" onClick={() => openPage(VOTE_PAGES.create)}>
            发起表决
          </ActionButton>
        </View>
      ) : null}
      <MeetingSection
        title="近期会议"
        part={upcoming}
        empty="近期没有已发布通知的会议。"
        onRetry={() => void loadMeetings('upcoming')}
        onMore={() => void loadMore('upcoming')}
      />
      <Section title="进行中的表决">
        {votes.kind === 'loading' ? <Loading what="表决" /> : null}
        {votes.kind === 'failed' ? <Failed what="表决列表" retry={() => void loadVotes()} /> : null}
        {votes.kind === 'ready' ? (
          <>
            {open.length === 0 ? <View className="councils__muted">现在没有进行中的表决。</View> : null}
            <View className="councils__list" role="list">
              {open.map((vote) => (
                <View key={vote.id} role="listitem">
                  <VoteCard vote={vote} />
                </View>
              ))}
            </View>
          </>
        ) : null}
      </Section>
      <Section title="议事会成员" description="议事会由居民代表、业委会、物业、社会组织等各方组成。">
        {councils.kind === 'loading' ? <Loading what="议事会" /> : null}
        {councils.kind === 'failed' ? <Failed what="议事会成员" retry={() => void loadCouncils()} /> : null}
        {councils.kind === 'ready' ? (
          <>
            {councils.value.length === 0 ? <View className="councils__muted">本社区还没有设立议事会。</View> : null}
            <View className="councils__list">
              {councils.value.map((council) => (
                <CouncilCard key={council.id} council={council} />
              ))}
            </View>
          </>
        ) : null}
      </Section>
      <MeetingSection
        title="往期会议"
        part={past}
        empty="还没有已结束的会议。"
        onRetry={() => void loadMeetings('past')}
        onMore={() => void loadMore('past')}
      />
      <Section title="已结束的表决">
        {votes.kind === 'ready' ? (
          <>
            {closed.length === 0 ? <View className="councils__muted">还没有已结束的表决。</View> : null}
            <View className="councils__list" role="list">
              {closed.map((vote) => (
                <View key={vote.id} role="listitem">
                  <VoteCard vote={vote} />
                </View>
              ))}
            </View>
          </>
        ) : null}
        {votes.kind === 'loading' ? <Loading what="表决" /> : null}
        {votes.kind === 'failed' ? <View className="councils__muted">表决列表没有读取成功。</View> : null}
      </Section>
    </PageLayout>
  );
}
