import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { browseMeetings, MEETING_PAGES, type MeetingSummary, meetingManageUrl } from '@/services/meetings';
import type { ModeratedCommunity } from '@/services/moderation';
import { openPage } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { MeetingCard } from '../../pages/meetings/meeting-parts';
import { ModeratorButton } from '../components/ModeratorButton';
import { ModeratorGate } from '../components/ModeratorGate';
import { SegmentedTabs } from '../components/SegmentedTabs';
import { StatusPanel } from '../components/StatusPanel';
import './meetings.css';

type When = 'upcoming' | 'past';

interface ListState {
  items: MeetingSummary[];
  nextCursor: string | null;
  phase: 'loading' | 'loading-more' | 'idle' | 'failed';
  message?: string;
}

/** 协商会议: the community's meetings (planned ones too) and the way to schedule one. */
export default function MeetingConsolePage() {
  return (
    <ModeratorGate
      title="协商会议"
      intro="安排协商议事会、发布会议通知、签到点名。居民在“议事会”页看到已发布通知的会议。"
      showBackToWorkbench
    >
      {({ community }) => <MeetingConsole community={community} />}
    </ModeratorGate>
  );
}

function MeetingConsole({ community }: { community: ModeratedCommunity }) {
  const [when, setWhen] = useState<When>('upcoming');
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, phase: 'loading' });
  const latest = useRef(0);
  const shown = useRef(false);

  const load = useCallback(
    async (cursor?: string) => {
      const ticket = ++latest.current;
      setList((previous) => ({ ...previous, phase: cursor ? 'loading-more' : 'loading' }));
      try {
        const page = await browseMeetings(community.id, when, cursor, { showErrorToast: false });
        if (ticket !== latest.current) return;
        setList((previous) => ({
          items: cursor ? [...previous.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
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
    [community.id, when],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useDidShow(() => {
    if (shown.current) void load();
    shown.current = true;
  });

  return (
    <>
      <ModeratorButton size="large" onClick={() => openPage(`${MEETING_PAGES.schedule}?communityId=${community.id}`)}>
        安排会议
      </ModeratorButton>
      <SegmentedTabs
        label="会议时间"
        options={[
          { value: 'upcoming', label: '近期会议' },
          { value: 'past', label: '往期会议' },
        ]}
        value={when}
        onChange={setWhen}
      />
      {list.phase === 'loading' ? <StatusPanel kind="loading" title="正在读取会议…" /> : null}
      {list.phase === 'failed' ? (
        <StatusPanel kind="error" title="会议列表没有读取成功" description={list.message}>
          <ModeratorButton variant="secondary" onClick={() => void load()}>
            重试
          </ModeratorButton>
        </StatusPanel>
      ) : null}
      {list.phase !== 'loading' && list.phase !== 'failed' && list.items.length === 0 ? (
        <StatusPanel
          kind="empty"
          title={when === 'upcoming' ? '近期没有会议' : '还没有往期会议'}
          description={when === 'upcoming' ? '点“安排会议”选择议事会、时间地点和议程。' : undefined}
        />
      ) : null}
      <View className="meeting-console__list" role="list">
        {list.items.map((meeting) => (
          <View key={meeting.id} role="listitem">
            <MeetingCard meeting={meeting} url={meetingManageUrl(meeting.id)} />
          </View>
        ))}
      </View>
      {list.nextCursor ? (
        <ModeratorButton
          variant="secondary"
          busy={list.phase === 'loading-more'}
          onClick={() => void load(list.nextCursor ?? undefined)}
        >
          加载更多
        </ModeratorButton>
      ) : null}
    </>
  );
}
