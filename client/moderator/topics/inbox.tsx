import type { InboxFilter } from '@shared/topics/topic-lists.schema';
import { INBOX_STALE_DAYS } from '@shared/topics/topic-states';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { FilterChips } from '@/components/FilterChips';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { pressableProps } from '@/components/pressable';
import { Section } from '@/components/Section';
import { SignInPrompt } from '@/components/SignInPrompt';
import { TextArea } from '@/components/TextArea';
import { ToggleRow } from '@/components/ToggleRow';
import { TopicCard } from '@/components/TopicCard';
import { TopicList } from '@/components/TopicList';
import { type TopicPageLoader, useTopicPages } from '@/components/TopicList/use-topic-pages';
import { describeElapsed } from '@/components/when';
import { refreshMe } from '@/services/auth';
import { type CommunitySummary, listCommunities } from '@/services/communities';
import { openPage, PAGES } from '@/services/navigation';
import { type MyCommunity, useSession } from '@/services/session';
import {
  type BulkAction,
  type BulkResult,
  bulkActOnTopics,
  getCommunitySettings,
  listInbox,
  releaseTopicContent,
  type TopicSummary,
  topicDetailUrl,
} from '@/services/topics';
import './inbox.css';

const FILTER_LABELS: Record<InboxFilter, string> = {
  submitted: '待受理',
  held: '待内容审核',
  accepted: '待分派',
  cosigning: '附议中',
  returned: '待居民补充',
};
/** What the topics of each filter have been doing meanwhile. */
const FILTER_WAITING: Record<InboxFilter, string> = {
  submitted: '等待受理',
  held: '等待审核',
  accepted: '等待分派',
  cosigning: '征集附议',
  returned: '等待居民补充',
};
const FILTERS: readonly InboxFilter[] = ['submitted', 'held', 'accepted', 'cosigning', 'returned'];

const BULK_LABELS: Record<BulkAction, string> = { accept: '受理', return: '退回补充', reject: '不予受理' };
const BULK_DONE: Record<BulkAction, string> = { accept: '已受理', return: '已退回', reject: '已不予受理' };

/** The communities where the user is an active moderator. */
function moderated(communities: readonly MyCommunity[]): MyCommunity[] {
  return communities.filter((c) => c.roles.includes('moderator') && c.status === 'active');
}

/**
 * 议题受理 (committee console): topics waiting in the community, longest
 * waiting first — submitted ones to accept, return or reject (several at
 * once), held ones to release after a look, accepted ones to route. Topics
 * waiting longer than three days stand out. A tap opens the topic, where
 * every single action is.
 */
export default function TopicInboxPage() {
  const session = useSession();
  const signedIn = Boolean(session.token);
  // `?communityId=` as the workbench's other pages take it; else the community chosen app-wide.
  const [requested] = useState(() => Number(Taro.getCurrentInstance()?.router?.params?.communityId) || undefined);

  useEffect(() => {
    // Roles change: ask the server rather than trust the stored profile.
    if (signedIn) void refreshMe({ showErrorToast: false }).catch(() => undefined);
  }, [signedIn]);

  const mine = moderated(session.me?.communities ?? []);
  const community = mine.find((c) => c.id === requested) ?? mine.find((c) => c.id === session.communityId) ?? mine[0];

  let body: ReactNode;
  if (!signedIn) body = <SignInPrompt description="议题受理仅供社区工作者使用，请先登录。" />;
  else if (!session.me) body = <View className="topic-inbox__muted">正在确认您的身份…</View>;
  else if (!community) {
    body = (
      <Notice tone="warning" title="您还不是社区工作者">
        议题受理仅供社区居委会的工作人员使用。如需开通，请联系社区居委会为您授权。
      </Notice>
    );
  } else body = <Inbox community={community} />;

  return (
    <PageLayout
      title="议题受理"
      intro={`居民提交的议题按等待时间排列，最久的在前。等待超过 ${INBOX_STALE_DAYS} 天的会标出来，请优先处理。`}
    >
      {body}
    </PageLayout>
  );
}

function Inbox({ community }: { community: MyCommunity }) {
  const [status, setStatus] = useState<InboxFilter>('submitted');
  const [category, setCategory] = useState('all');
  const [estate, setEstate] = useState('all');
  const [staleOnly, setStaleOnly] = useState(false);
  const [moreFilters, setMoreFilters] = useState(false);
  const [categories, setCategories] = useState<string[]>();
  const [summary, setSummary] = useState<CommunitySummary>();
  const [selected, setSelected] = useState<number[]>([]);
  const [releasing, setReleasing] = useState<number>();
  const [report, setReport] = useState<BulkReport>();
  const shown = useRef(false);

  useEffect(() => {
    let alive = true;
    getCommunitySettings(community.id)
      .then((settings) => alive && setCategories(settings.categories))
      .catch(() => undefined);
    listCommunities()
      .then((list) => alive && setSummary(list.find((c) => c.id === community.id)))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [community.id]);

  const load = useMemo<TopicPageLoader>(
    () => (cursor, firstPage) =>
      listInbox(
        community.id,
        {
          status,
          category: category === 'all' ? undefined : category,
          estateId: estate === 'all' ? undefined : Number(estate),
          olderThanDays: staleOnly ? INBOX_STALE_DAYS : undefined,
          cursor,
        },
        { showErrorToast: !firstPage },
      ),
    [community.id, status, category, estate, staleOnly],
  );
  const pages = useTopicPages(load);

  // A new filter shows other topics: nothing stays selected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the list is loaded anew.
  useEffect(() => {
    setSelected([]);
    setReport(undefined);
  }, [load]);

  useDidShow(() => {
    if (shown.current) pages.reload(true);
    shown.current = true;
  });

  const selectable = (topic: TopicSummary) => topic.status === 'submitted';
  const toggle = (id: number) =>
    setSelected((current) => (current.includes(id) ? current.filter((other) => other !== id) : [...current, id]));
  const pageIds = (pages.topics ?? []).filter(selectable).map((topic) => topic.id);
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.includes(id));

  const release = async (topic: TopicSummary) => {
    setReleasing(topic.id);
    try {
      await releaseTopicContent(topic.id);
      pages.remove([topic.id]);
      void Taro.showToast({ title: '已公开', icon: 'success' });
    } catch {
      // Shown by the request module.
    } finally {
      setReleasing(undefined);
    }
  };

  return (
    <>
      <View className="topic-inbox__community">
        {community.name}
        <View className="topic-inbox__muted">{community.subDistrictName}</View>
      </View>
      <View className="topic-inbox__filters" role="search" aria-label="筛选议题">
        <FilterChips
          label="状态"
          showLabel
          chips={FILTERS.map((value) => ({ value, label: FILTER_LABELS[value] }))}
          value={status}
          onChange={setStatus}
        />
        {moreFilters ? (
          <>
            {categories ? (
              <FilterChips
                label="分类"
                showLabel
                chips={[{ value: 'all', label: '全部分类' }, ...categories.map((value) => ({ value, label: value }))]}
                value={category}
                onChange={setCategory}
              />
            ) : null}
            {summary && summary.estates.length > 1 ? (
              <FilterChips
                label="小区"
                showLabel
                chips={[
                  { value: 'all', label: '全部小区' },
                  ...summary.estates.map((e) => ({ value: String(e.id), label: e.name })),
                ]}
                value={estate}
                onChange={setEstate}
              />
            ) : null}
          </>
        ) : null}
        <ToggleRow label={`只看等待超过 ${INBOX_STALE_DAYS} 天的`} checked={staleOnly} onChange={setStaleOnly} />
        <View className="topic-inbox__more">
          <ActionButton
            variant="secondary"
            block={false}
            aria-expanded={moreFilters}
            onClick={() => setMoreFilters(!moreFilters)}
          >
            {moreFilters ? '收起分类和小区' : '按分类、小区筛选'}
          </ActionButton>
        </View>
      </View>

      {status === 'submitted' && pageIds.length > 0 ? (
        <BulkBar
          selected={selected}
          allSelected={allSelected}
          onSelectAll={() => setSelected(allSelected ? [] : pageIds)}
          onDone={(action, results) => {
            setReport({ action, results });
            const done = results.filter((result) => result.ok).map((result) => result.topicId);
            pages.remove(done);
            setSelected((current) => current.filter((id) => !done.includes(id)));
          }}
        />
      ) : null}

      {report ? <BulkReportNotice report={report} /> : null}

      <TopicList
        label={`${FILTER_LABELS[status]}的议题`}
        topics={pages.topics}
        renderTopic={(topic) => (
          <View className="topic-inbox__item">
            <TopicCard
              topic={topic}
              showWaiting
              onOpen={() => openPage(topicDetailUrl(topic.id))}
              leading={
                selectable(topic) && status === 'submitted' ? (
                  <SelectBox
                    checked={selected.includes(topic.id)}
                    label={`选择：${topic.title}`}
                    onChange={() => toggle(topic.id)}
                  />
                ) : undefined
              }
            >
              <View className="yishi-topic-card__note">
                已{FILTER_WAITING[status]} {describeElapsed(topic.statusChangedAt)}
              </View>
            </TopicCard>
            {topic.held ? (
              <ActionButton
                variant="secondary"
                loading={releasing === topic.id}
                aria-label={`审核通过并公开：${topic.title}`}
                onClick={() => void release(topic)}
              >
                审核通过，公开议题
              </ActionButton>
            ) : null}
          </View>
        )}
        hasMore={pages.hasMore}
        loadingMore={pages.loadingMore}
        onMore={pages.more}
        failed={pages.failed}
        onRetry={() => pages.reload()}
        emptyTitle={`没有${FILTER_LABELS[status]}的议题`}
        emptyText={staleOnly ? `没有等待超过 ${INBOX_STALE_DAYS} 天的议题。` : '新的议题提交后会出现在这里。'}
      />
      <ActionButton variant="secondary" onClick={() => openPage(PAGES.moderator)}>
        返回社区工作台
      </ActionButton>
    </>
  );
}

/** A large tick box beside a topic card (outside the card's link). */
function SelectBox({ checked, label, onChange }: { checked: boolean; label: string; onChange: () => void }) {
  return (
    <View
      className={
        checked ? 'topic-inbox__select topic-inbox__select--on yishi-pressable' : 'topic-inbox__select yishi-pressable'
      }
      aria-checked={checked}
      aria-label={label}
      {...pressableProps(onChange, { role: 'checkbox' })}
    >
      <View className="topic-inbox__box" aria-hidden="true">
        {checked ? '✓' : ''}
      </View>
    </View>
  );
}

interface BulkReport {
  action: BulkAction;
  results: BulkResult[];
}

/** What a bulk action did: how many topics moved, and why the others did not. */
function BulkReportNotice({ report }: { report: BulkReport }) {
  const failed = report.results.filter((result) => !result.ok);
  const succeeded = report.results.length - failed.length;
  return (
    <Notice tone={failed.length > 0 ? 'warning' : 'success'} live="status">
      {`${BULK_DONE[report.action]} ${succeeded} 个议题`}
      {failed.map((result) => (
        <View key={result.topicId}>{`议题 #${result.topicId} 未处理：${result.error ?? '出错了'}`}</View>
      ))}
    </Notice>
  );
}

interface BulkBarProps {
  selected: number[];
  allSelected: boolean;
  onSelectAll: () => void;
  onDone: (action: BulkAction, results: BulkResult[]) => void;
}

/** 批量处理: accept, return or reject the selected topics, the last two with a reason the residents read. */
function BulkBar({ selected, allSelected, onSelectAll, onDone }: BulkBarProps) {
  const [action, setAction] = useState<BulkAction>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState<BulkAction>();

  const run = async (chosen: BulkAction) => {
    if (chosen !== 'accept' && reason.trim().length < 4) {
      setError(chosen === 'reject' ? '请写明不予受理的原因（至少 4 个字）' : '请写明需要补充的信息（至少 4 个字）');
      return;
    }
    setRunning(chosen);
    setError(undefined);
    try {
      const results = await bulkActOnTopics(selected, chosen, chosen === 'accept' ? undefined : reason);
      setAction(undefined);
      setReason('');
      onDone(chosen, results);
    } catch {
      // Shown by the request module.
    } finally {
      setRunning(undefined);
    }
  };

  return (
    <Section title="批量处理" description="勾选议题后，可以一次受理、退回或不予受理。">
      <View className="topic-inbox__bulk-row">
        <View className="topic-inbox__bulk-count" role="status">
          已选 {selected.length} 个议题
        </View>
        <ActionButton variant="secondary" block={false} onClick={onSelectAll}>
          {allSelected ? '取消全选' : '全选本页'}
        </ActionButton>
      </View>
      {action && action !== 'accept' ? (
        <TextArea
          label={action === 'reject' ? '不予受理的原因' : '需要补充的信息'}
          value={reason}
          onChange={(value) => {
            setReason(value);
            setError(undefined);
          }}
          placeholder="每位提出人都会看到这段话"
          maxLength={500}
          rows={3}
          error={error}
        />
      ) : null}
      {selected.length > 0 ? (
        <View className="topic-inbox__bulk-buttons">
          {(['accept', 'return', 'reject'] as const).map((candidate) => (
            <ActionButton
              key={candidate}
              variant={candidate === 'reject' ? 'danger' : candidate === 'accept' ? 'primary' : 'secondary'}
              disabled={selected.length === 0}
              loading={running === candidate}
              onClick={() => {
                if (candidate === 'accept' || action === candidate) void run(candidate);
                else {
                  setAction(candidate);
                  setError(undefined);
                }
              }}
            >
              {candidate !== 'accept' && action === candidate
                ? `确认${BULK_LABELS[candidate]}`
                : BULK_LABELS[candidate]}
            </ActionButton>
          ))}
        </View>
      ) : null}
    </Section>
  );
}
