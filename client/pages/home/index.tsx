import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { LinkRow } from '@/components/LinkRow';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { ServerStatus } from '@/components/ServerStatus';
import { SignInPrompt } from '@/components/SignInPrompt';
import { TopicCard } from '@/components/TopicCard';
import { refreshMe } from '@/services/auth';
import { listCommunities } from '@/services/communities';
import { openPage, PAGES } from '@/services/navigation';
import { OUTCOME_PAGES } from '@/services/outcomes';
import { PROJECT_PAGES } from '@/services/projects';
import { currentCommunity, selectCommunity, useSession } from '@/services/session';
import {
  listCommunityTopics,
  listInbox,
  listMyQueue,
  listMyTopics,
  PARTY_ROLES,
  TOPIC_PAGES,
  type TopicSummary,
  topicDetailUrl,
} from '@/services/topics';
import './index.css';

/** How many recent topics the home page shows. */
const RECENT = 5;
/** Counts above this read "50+" (one page is asked for). */
const COUNT_PAGE = 50;

interface Pending {
  returned: TopicSummary[];
  /** Topics waiting in the moderator inbox; undefined for non-moderators. */
  inbox?: { count: number; more: boolean };
  /** The responsible party's queue; undefined when the user acts for no party. */
  queue?: { count: number; more: boolean };
}

const countText = (n: { count: number; more: boolean }) => `${n.count}${n.more ? '+' : ''} 条`;

/**
 * 首页: the community the resident looks at, what waits for them (returned
 * topics to edit, unread messages, the inbox for moderators, the queue for
 * responsible parties), the newest topics and the ways in.
 */
export default function HomePage() {
  const session = useSession();
  const { me } = session;
  const community = currentCommunity(session);
  const communityId = community?.id ?? session.communityId;
  const roles: readonly string[] = community?.roles ?? [];
  const isModerator = roles.includes('moderator');
  const actsForParty = PARTY_ROLES.some((role) => roles.includes(role));
  const canPropose = ['resident', 'owner', 'grid_worker', 'moderator'].some((role) => roles.includes(role));
  const [recent, setRecent] = useState<TopicSummary[]>();
  const [pending, setPending] = useState<Pending>();
  const shown = useRef(false);

  const refresh = useCallback(async () => {
    if (communityId !== undefined) {
      listCommunityTopics(communityId, { status: 'open', sort: 'newest', limit: RECENT }, { showErrorToast: false })
        .then((page) => setRecent(page.items))
        .catch(() => setRecent([]));
    }
    if (!session.token) {
      setPending(undefined);
      return;
    }
    void refreshMe({ showErrorToast: false }).catch(() => undefined);
    const quiet = { showErrorToast: false };
    const [returned, inbox, queue] = await Promise.all([
      listMyTopics('authored', { status: 'returned' }, quiet)
        .then((page) => page.items)
        .catch(() => []),
      isModerator && communityId !== undefined
        ? listInbox(communityId, { status: 'submitted', limit: COUNT_PAGE }, quiet)
            .then((page) => ({ count: page.items.length, more: page.nextCursor !== null }))
            .catch(() => undefined)
        : undefined,
      // Me does not say which parties the user acts for: the queue itself tells.
      listMyQueue({ limit: COUNT_PAGE }, quiet)
        .then((page) => ({ count: page.items.length, more: page.nextCursor !== null }))
        .catch(() => undefined),
    ]);
    setPending({ returned, inbox, queue: queue && (queue.count > 0 || actsForParty) ? queue : undefined });
  }, [communityId, session.token, isModerator, actsForParty]);

  // Anyone may read the newest topics: without a chosen community, the first one.
  useEffect(() => {
    if (communityId !== undefined) return;
    listCommunities()
      .then((list) => {
        if (list[0]) selectCommunity(list[0].id);
      })
      .catch(() => undefined);
  }, [communityId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Back on the tab: things may have changed meanwhile.
  useDidShow(() => {
    if (shown.current) void refresh();
    shown.current = true;
  });

  const unread = me?.unreadNotifications ?? 0;
  const nothingPending =
    pending !== undefined &&
    pending.returned.length === 0 &&
    unread === 0 &&
    !pending.inbox?.count &&
    !pending.queue?.count;

  return (
    <PageLayout title="社区议事" intro="和邻居一起提出社区里的问题，在议事会上商量办法，并跟进办理结果。">
      {me && community ? (
        <View className="home-page__community" role="region" aria-label="当前社区">
          <View className="home-page__hello">您好，{me.nickname}</View>
          <View className="home-page__community-name">
            {community.name}
            <View className="home-page__subdistrict">{community.subDistrictName}</View>
          </View>
        </View>
      ) : null}

      {!session.token ? <SignInPrompt /> : null}

      {session.token ? (
        <Section title="需要您处理">
          {pending === undefined ? <View className="home-page__muted">正在读取…</View> : null}
          {pending?.returned.map((topic) => (
            <LinkRow
              key={topic.id}
              label={`待补充：${topic.title}`}
              description="社区工作者请您补充信息后重新提交"
              value="去修改"
              highlight
              onPress={() => openPage(topicDetailUrl(topic.id))}
            />
          ))}
          {unread > 0 ? (
            <LinkRow
              label="消息中心"
              value={`${unread} 条未读`}
              highlight
              onPress={() => openPage(PAGES.notifications)}
            />
          ) : null}
          {pending?.inbox ? (
            <LinkRow
              label="议题受理"
              description="居民提交的议题，等待受理、退回或合并"
              value={pending.inbox.count > 0 ? `${countText(pending.inbox)}待受理` : '没有待受理'}
              highlight={pending.inbox.count > 0}
              onPress={() => openPage(TOPIC_PAGES.inbox)}
            />
          ) : null}
          {pending?.queue ? (
            <LinkRow
              label="待办议题"
              description="分派给您所在单位的议题"
              value={pending.queue.count > 0 ? countText(pending.queue) : '没有待办'}
              highlight={pending.queue.count > 0}
              onPress={() => openPage(TOPIC_PAGES.queue)}
            />
          ) : null}
          {nothingPending ? <View className="home-page__muted">暂时没有需要您处理的事情。</View> : null}
        </Section>
      ) : null}

      <View className="home-page__entries">
        {canPropose ? <ActionButton onClick={() => openPage(TOPIC_PAGES.submit)}>提议题</ActionButton> : null}
        {session.token ? (
          <ActionButton variant="secondary" onClick={() => openPage(TOPIC_PAGES.mine)}>
            我的议题
          </ActionButton>
        ) : null}
        {isModerator ? (
          <ActionButton variant="secondary" onClick={() => openPage(PAGES.moderator)}>
            社区工作台
          </ActionButton>
        ) : null}
      </View>

      <Section title="最新议题" description="社区里正在进行的议题。">
        {recent === undefined ? <View className="home-page__muted">正在读取议题…</View> : null}
        {recent?.length === 0 ? <View className="home-page__muted">暂时没有进行中的议题。</View> : null}
        {recent && recent.length > 0 ? (
          <View className="home-page__recent" role="list" aria-label="最新议题">
            {recent.map((topic) => (
              <View key={topic.id} role="listitem">
                <TopicCard topic={topic} onOpen={() => openPage(topicDetailUrl(topic.id))} />
              </View>
            ))}
          </View>
        ) : null}
        <ActionButton variant="secondary" onClick={() => openPage(TOPIC_PAGES.feed)}>
          查看全部议题
        </ActionButton>
      </Section>

      <Section title="社区公开信息" description="不用登录也能看，可以转发给邻居。">
        <LinkRow
          label="公示栏"
          description="议事形成的决议、落实进展和居民满意度"
          value="查看"
          onPress={() => openPage(OUTCOME_PAGES.board)}
        />
        <LinkRow
          label="服务项目"
          description="三社联动服务项目的预算、承接机构和进展"
          value="查看"
          onPress={() => openPage(PROJECT_PAGES.list)}
        />
      </Section>

      <ServerStatus />
    </PageLayout>
  );
}
