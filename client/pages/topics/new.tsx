import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { JoinCommunity } from '@/components/CommunitySwitcher';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { SignInPrompt } from '@/components/SignInPrompt';
import { TopicForm } from '@/components/TopicForm';
import { refreshMe } from '@/services/auth';
import { openPage, PAGES, replacePage, startUnitClaim } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { currentCommunity, useSession } from '@/services/session';
import { getTopic, prepareTopicUpdates, type TopicDetail, topicDetailUrl } from '@/services/topics';
import './new.css';

function positiveInt(raw: string | undefined): number | undefined {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

type Loaded = { kind: 'loading' } | { kind: 'ready'; topic: TopicDetail } | { kind: 'failed'; message: string };

/** 提议题, and (`?resubmit=<id>`) 修改并重新提交 for a topic the community returned. */
export default function NewTopicPage() {
  const session = useSession();
  const [resubmitId] = useState(() => positiveInt(Taro.getCurrentInstance()?.router?.params?.resubmit));
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const signedIn = Boolean(session.token);

  useEffect(() => {
    void prepareTopicUpdates();
    if (signedIn && !session.me) void refreshMe({ showErrorToast: false }).catch(() => undefined);
  }, [signedIn, session.me]);

  useEffect(() => {
    if (resubmitId === undefined || !signedIn) return;
    let alive = true;
    getTopic(resubmitId, { showErrorToast: false })
      .then((topic) => {
        if (alive) setLoaded({ kind: 'ready', topic });
      })
      .catch((error: unknown) => {
        if (alive) setLoaded({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' });
      });
    return () => {
      alive = false;
    };
  }, [resubmitId, signedIn]);

  const title = resubmitId === undefined ? '提议题' : '修改并重新提交';
  const intro =
    resubmitId === undefined
      ? '把社区里需要大家一起解决的问题告诉社区居委会。提交后，社区工作者会尽快受理，每一步进展都会记录在议题里。'
      : '社区工作者请您补充一些信息。修改后重新提交，议题会回到受理环节。';

  const me = session.me;
  const community = currentCommunity(session);
  const roles: readonly string[] = community?.roles ?? [];
  const canSubmitForSelf = roles.includes('resident') || roles.includes('owner');
  const canEnterForOthers = roles.includes('grid_worker') || roles.includes('moderator');
  const homeEstateName = me?.units.find(
    (unit) => unit.communityId === community?.id && unit.status === 'approved',
  )?.estateName;

  const done = (topic: TopicDetail) => {
    void Promise.resolve(
      Taro.showToast({ title: resubmitId === undefined ? '议题已提交' : '已重新提交', icon: 'success' }),
    ).catch(() => undefined);
    replacePage(topicDetailUrl(topic.id));
  };

  const body = () => {
    if (!signedIn) return <SignInPrompt description="登录并认证房屋后，可以提出议题、为议题附议。" />;
    if (!me) return <View className="new-topic__status">正在读取您的信息…</View>;
    if (!me.privacyAccepted) {
      return (
        <Notice tone="warning" title="请先同意隐私保护指引">
          提出议题需要记录您的身份和房屋信息。
          <View className="new-topic__action">
            <ActionButton onClick={() => openPage(`${PAGES.privacy}?next=back`)}>阅读隐私保护指引</ActionButton>
          </View>
        </Notice>
      );
    }
    if (!community) return <JoinCommunity />;
    if (resubmitId !== undefined) {
      if (loaded.kind === 'loading') return <View className="new-topic__status">正在读取议题…</View>;
      if (loaded.kind === 'failed') {
        return (
          <Notice tone="danger" title="无法打开这个议题" live="alert">
            {loaded.message}
          </Notice>
        );
      }
      const { topic } = loaded;
      if (topic.status !== 'returned' || !topic.me.isAuthor) {
        return (
          <Notice tone="info" title="这个议题现在不需要修改">
            议题当前为“{topic.statusLabel}”。
            <View className="new-topic__action">
              <ActionButton variant="secondary" onClick={() => replacePage(topicDetailUrl(topic.id))}>
                查看议题
              </ActionButton>
            </View>
          </Notice>
        );
      }
      return (
        <>
          <Notice tone="warning" title="社区工作者请您补充">
            {topic.returnQuestion ?? '请补充议题的信息。'}
          </Notice>
          <TopicForm
            mode={{ kind: 'resubmit', topic }}
            communityId={topic.communityId}
            canSubmitForSelf
            canEnterForOthers={false}
            onSubmitted={done}
          />
        </>
      );
    }
    if (!canSubmitForSelf && !canEnterForOthers) {
      return (
        <Notice tone="warning" title="请先认证房屋">
          完成本社区的房屋认证后才能提出议题。认证只需要填写房号和姓名，业主信息与花名册一致时立即通过。
          <View className="new-topic__action">
            <ActionButton onClick={startUnitClaim}>去认证房屋</ActionButton>
          </View>
        </Notice>
      );
    }
    return (
      <TopicForm
        mode={{ kind: 'new' }}
        communityId={community.id}
        canSubmitForSelf={canSubmitForSelf}
        canEnterForOthers={canEnterForOthers}
        homeEstateName={homeEstateName}
        onSubmitted={done}
      />
    );
  };

  return (
    <PageLayout title={title} intro={intro}>
      {body()}
    </PageLayout>
  );
}
