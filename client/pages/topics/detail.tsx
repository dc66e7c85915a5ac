import { TOPIC_LEVEL_LABELS, TOPIC_SCOPE_LABELS, TOPIC_STATUS_LABELS } from '@shared/topics/topic-states';
import { View } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { CosignProgress } from '@/components/CosignProgress';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { TopicActions } from '@/components/TopicActions';
import { TopicComments } from '@/components/TopicComments';
import { TopicPhotos } from '@/components/TopicPhotos';
import { TopicFlag, TopicStatusTag } from '@/components/TopicStatusTag';
import { TopicTimeline } from '@/components/TopicTimeline';
import { describeDay, describeMoment } from '@/components/when';
import { openPage, PAGES, startUnitClaim } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import {
  copyTopicShareLink,
  enableShareWithTicket,
  reportGroupEnter,
  topicShareMessage,
  topicTimelineShare,
} from '@/services/share';
import {
  askForTopicUpdates,
  cosignTopic,
  getTopic,
  listTopicGroups,
  prepareTopicUpdates,
  releaseTopicContent,
  resubmitUrl,
  setFollowing,
  type TopicDetail,
  type TopicGroup,
  topicDetailUrl,
} from '@/services/topics';
import './detail.css';

type Loaded = { kind: 'loading' } | { kind: 'ready'; topic: TopicDetail } | { kind: 'failed'; message: string };

function topicIdFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** Who holds the topic now, in a resident's words. */
function holderText(topic: TopicDetail): string {
  if (topic.partyName && ['routed', 'handling', 'scheduled', 'implementation'].includes(topic.status)) {
    const level = topic.level ? `${TOPIC_LEVEL_LABELS[topic.level]}级 · ` : '';
    return `${level}${topic.partyName}${topic.status === 'routed' ? '（待接手）' : ''}`;
  }
  switch (topic.status) {
    case 'submitted':
      return '社区居委会（等待受理）';
    case 'returned':
      return '提出人（等待补充信息）';
    case 'cosigning':
      return '居民附议中';
    case 'accepted':
      return '社区居委会（等待分派）';
    case 'rejected':
    case 'merged':
    case 'lapsed':
    case 'completed':
    case 'closed':
      return '已结束';
    default:
      return topic.partyName ?? '社区居委会';
  }
}

function scopeText(topic: TopicDetail): string {
  return [TOPIC_SCOPE_LABELS[topic.scope], topic.estateName, topic.buildingName].filter(Boolean).join(' · ');
}

/**
 * 议题详情: what the problem is, who holds it now, the co-sign count with
 * 附议, 关注 and sharing, the actions the viewer may take, every step of the
 * timeline and the residents' comments.
 */
export default function TopicDetailPage() {
  const session = useSession();
  const [topicId] = useState(topicIdFromRoute);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [groups, setGroups] = useState<TopicGroup[]>([]);
  const [cosigning, setCosigning] = useState(false);
  const [cosignProblem, setCosignProblem] = useState<string>();
  const [following, setFollowingBusy] = useState(false);
  const [releasing, setReleasing] = useState(false);
  const shown = useRef(false);
  const topic = loaded.kind === 'ready' ? loaded.topic : undefined;
  const signedIn = Boolean(session.token);

  const load = useCallback(
    async (quiet = false) => {
      if (topicId === undefined) {
        setLoaded({ kind: 'failed', message: '没有指定要查看的议题' });
        return;
      }
      if (!quiet) setLoaded({ kind: 'loading' });
      try {
        const fresh = await getTopic(topicId, { showErrorToast: false });
        setLoaded({ kind: 'ready', topic: fresh });
      } catch (error) {
        if (!quiet) setLoaded({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' });
      }
    },
    [topicId],
  );

  // Signing in changes what the viewer may do (`me`): read the topic again then.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the token is the reason to read again.
  useEffect(() => {
    void load();
  }, [load, session.token]);

  // Back from 修改并重新提交 or another page: quietly refresh.
  useDidShow(() => {
    if (shown.current) void load(true);
    shown.current = true;
  });

  useEffect(() => {
    void enableShareWithTicket();
    void prepareTopicUpdates();
  }, []);

  const communityId = topic?.communityId;
  useEffect(() => {
    if (communityId === undefined || topicId === undefined) return;
    void reportGroupEnter(communityId, { topicId });
    listTopicGroups(topicId)
      .then(setGroups)
      .catch(() => undefined);
  }, [communityId, topicId]);

  useShareAppMessage(() =>
    topic
      ? topicShareMessage({ id: topic.id, title: topic.title })
      : { title: '社区议事', path: topicId ? topicDetailUrl(topicId) : PAGES.home },
  );
  useShareTimeline(() => (topic ? topicTimelineShare({ id: topic.id, title: topic.title }) : { title: '社区议事' }));

  if (!topic) {
    return (
      <PageLayout title="议题详情" intro="议题的内容、办理进度和居民评论。">
        {loaded.kind === 'failed' ? (
          <Notice tone="danger" title="无法打开这个议题" live="alert">
            {loaded.message}
            <View className="topic-detail__action">
              <ActionButton variant="secondary" onClick={() => void load()}>
                重新加载
              </ActionButton>
            </View>
          </Notice>
        ) : (
          <View className="topic-detail__status" role="status">
            正在读取议题…
          </View>
        )}
      </PageLayout>
    );
  }

  const replace = (next: TopicDetail) => setLoaded({ kind: 'ready', topic: next });
  const myRoles: readonly string[] = session.me?.communities.find((c) => c.id === topic.communityId)?.roles ?? [];
  const isModerator = myRoles.includes('moderator');
  const verified = myRoles.includes('resident') || myRoles.includes('owner');
  // Staff and responsible parties act on topics; the co-sign hint is for residents.
  const isStaff = myRoles.some((role) => role !== 'resident' && role !== 'owner' && role !== 'representative');
  const open = ['submitted', 'cosigning', 'accepted', 'routed', 'handling', 'scheduled'].includes(topic.status);

  const cosign = async () => {
    void askForTopicUpdates();
    setCosigning(true);
    setCosignProblem(undefined);
    try {
      const result = await cosignTopic(topic);
      replace({
        ...topic,
        cosignCount: result.cosignCount,
        cosignTarget: result.cosignTarget,
        status: result.status,
        statusLabel: TOPIC_STATUS_LABELS[result.status],
        me: { ...topic.me, cosigned: true, canCosign: false },
      });
      void Taro.showToast({ title: '已附议', icon: 'success' });
      // Reaching the target adds a step to the timeline.
      void load(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_VERIFIED') setCosignProblem(error.message);
    } finally {
      setCosigning(false);
    }
  };

  const toggleFollow = async () => {
    setFollowingBusy(true);
    try {
      const now = await setFollowing(topic.id, !topic.me.following);
      replace({
        ...topic,
        followerCount: topic.followerCount + (now === topic.me.following ? 0 : now ? 1 : -1),
        me: { ...topic.me, following: now },
      });
      void Taro.showToast({ title: now ? '已关注，有进展会通知您' : '已取消关注', icon: 'none' });
    } catch {
      // Shown by the request module.
    } finally {
      setFollowingBusy(false);
    }
  };

  const release = async () => {
    setReleasing(true);
    try {
      replace(await releaseTopicContent(topic.id));
      void Taro.showToast({ title: '已公开', icon: 'success' });
    } catch {
      // Shown by the request module.
    } finally {
      setReleasing(false);
    }
  };

  const intro = [
    `议题编号 #${topic.id}`,
    topic.category,
    `${topic.authorName}提出于 ${describeMoment(topic.createdAt)}`,
  ].join(' · ');

  return (
    <PageLayout title={topic.title} intro={intro}>
      <View className="topic-detail__holder" role="region" aria-label="办理状态">
        <View className="topic-detail__tags">
          <TopicStatusTag status={topic.status} />
          {topic.held ? <TopicFlag tone="danger">待内容审核</TopicFlag> : null}
        </View>
        <View className="topic-detail__holder-line">
          <View className="topic-detail__holder-label">现在由</View>
          <View className="topic-detail__holder-value">{holderText(topic)}</View>
        </View>
        {topic.dueDate && ['handling', 'routed'].includes(topic.status) ? (
          <View className="topic-detail__holder-line">
            <View className="topic-detail__holder-label">计划办结</View>
            <View className="topic-detail__holder-value">{describeDay(topic.dueDate)}</View>
          </View>
        ) : null}
      </View>

      {topic.status === 'returned' && topic.me.isAuthor ? (
        <Notice tone="warning" title="社区工作者请您补充信息" live="alert">
          {topic.returnQuestion}
          <View className="topic-detail__action">
            <ActionButton onClick={() => openPage(resubmitUrl(topic.id))}>修改并重新提交</ActionButton>
          </View>
        </Notice>
      ) : null}
      {topic.status === 'returned' && !topic.me.isAuthor && topic.returnQuestion ? (
        <Notice tone="info" title="等待提出人补充信息">
          {topic.returnQuestion}
        </Notice>
      ) : null}
      {topic.status === 'rejected' ? (
        <Notice tone="danger" title="不予受理">
          {topic.rejectReason ?? '社区工作者没有受理这个议题。'}
        </Notice>
      ) : null}
      {topic.status === 'merged' && topic.mergedIntoId ? (
        <Notice tone="info" title="已合并到另一个议题">
          这个议题和另一个议题说的是同一件事，附议和关注已一并转过去。
          <View className="topic-detail__action">
            <ActionButton variant="secondary" onClick={() => openPage(topicDetailUrl(topic.mergedIntoId!))}>
              查看合并后的议题
            </ActionButton>
          </View>
        </Notice>
      ) : null}
      {topic.status === 'lapsed' ? (
        <Notice tone="info" title="附议未达标">
          附议期内没有达到所需人数，议题没有进入分派。
        </Notice>
      ) : null}
      {topic.held ? (
        <Notice tone="warning" title="内容审核中">
          这个议题的内容正在审核，审核通过前只有提出人和社区工作者能看到。
          {isModerator ? (
            <View className="topic-detail__action">
              <ActionButton loading={releasing} onClick={() => void release()}>
                审核通过，公开议题
              </ActionButton>
            </View>
          ) : null}
        </Notice>
      ) : null}

      <Section title="问题描述">
        <View className="topic-detail__text">{topic.description}</View>
        <View className="topic-detail__facts">
          <View className="topic-detail__fact">
            <View className="topic-detail__fact-label">涉及范围</View>
            <View className="topic-detail__fact-value">{scopeText(topic)}</View>
          </View>
          {topic.place ? (
            <View className="topic-detail__fact">
              <View className="topic-detail__fact-label">具体地点</View>
              <View className="topic-detail__fact-value">{topic.place}</View>
            </View>
          ) : null}
          {topic.enteredBy ? (
            <View className="topic-detail__fact">
              <View className="topic-detail__fact-label">登记人</View>
              <View className="topic-detail__fact-value">{topic.enteredBy}</View>
            </View>
          ) : null}
          {topic.author?.realName ? (
            <View className="topic-detail__fact">
              <View className="topic-detail__fact-label">提出人实名</View>
              <View className="topic-detail__fact-value">{topic.author.realName}（仅社区工作者可见）</View>
            </View>
          ) : null}
        </View>
        {topic.photos.length > 0 ? (
          signedIn ? (
            <TopicPhotos photos={topic.photos} />
          ) : (
            <View className="topic-detail__muted">有 {topic.photos.length} 张照片，登录后可以查看。</View>
          )
        ) : null}
      </Section>

      <TopicActions
        topic={topic}
        viewerIsModerator={isModerator}
        onDone={(next, message) => {
          replace(next);
          void Taro.showToast({ title: message, icon: 'none' });
        }}
      />

      <Section title="附议与关注">
        <CosignProgress
          count={topic.cosignCount}
          target={topic.cosignTarget}
          deadline={topic.cosignDeadline}
          collecting={topic.status === 'cosigning'}
        />
        {topic.me.cosigned ? (
          <View className="topic-detail__done" role="status">
            ✓ 您已附议
          </View>
        ) : null}
        {topic.me.canCosign ? (
          <ActionButton loading={cosigning} onClick={() => void cosign()}>
            附议
          </ActionButton>
        ) : null}
        {!topic.me.canCosign &&
        !topic.me.cosigned &&
        !topic.me.isAuthor &&
        open &&
        signedIn &&
        !verified &&
        !isStaff ? (
          <View className="topic-detail__muted">完成本社区的房屋认证后可以附议。</View>
        ) : null}
        {cosignProblem ? (
          <Notice tone="warning" title="暂时不能附议" live="alert">
            {cosignProblem}
            <View className="topic-detail__action">
              <ActionButton onClick={startUnitClaim}>去认证房屋</ActionButton>
            </View>
          </Notice>
        ) : null}
        {!signedIn && open ? (
          <ActionButton variant="secondary" onClick={() => openPage(PAGES.login)}>
            登录后附议
          </ActionButton>
        ) : null}
        {signedIn ? (
          <ActionButton variant="secondary" loading={following} onClick={() => void toggleFollow()}>
            {topic.me.following ? '已关注（点击取消关注）' : '关注，有进展时通知我'}
          </ActionButton>
        ) : null}
        <View className="topic-detail__muted">{topic.followerCount} 人关注</View>
        {groups.length > 0 ? (
          <View className="topic-detail__groups" role="list" aria-label="附议来自的微信群">
            {groups.map((group) => (
              <View key={`${group.name}-${group.estateName ?? ''}-${group.buildingName ?? ''}`} role="listitem">
                {[group.name, group.estateName, group.buildingName].filter(Boolean).join(' · ')}：{group.cosigners}{' '}
                人附议
              </View>
            ))}
          </View>
        ) : null}
        {process.env.TARO_ENV === 'weapp' ? (
          <ActionButton variant="secondary" openType="share" onClick={() => undefined}>
            分享到微信群
          </ActionButton>
        ) : (
          <ActionButton variant="secondary" onClick={() => void copyTopicShareLink(topic.id)}>
            复制链接，分享到微信群
          </ActionButton>
        )}
      </Section>

      <Section title="办理过程" description="每一步由谁处理、说了什么，都记录在这里。">
        <TopicTimeline entries={topic.timeline} />
      </Section>

      <TopicComments topicId={topic.id} signedIn={signedIn} canModerate={isModerator} />
    </PageLayout>
  );
}
