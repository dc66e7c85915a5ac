import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { NotificationList } from '@/components/NotificationList';
import { PageLayout } from '@/components/PageLayout';
import { SignInPrompt } from '@/components/SignInPrompt';
import { refreshMe } from '@/services/auth';
import { openPage } from '@/services/navigation';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATION_PAGE_SIZE,
  type Notification,
} from '@/services/notifications';
import { useSession } from '@/services/session';
import './index.css';

/** 消息中心: newest first; opening a message marks it read; one button marks them all read. */
export default function NotificationsPage() {
  const session = useSession();
  const [messages, setMessages] = useState<Notification[]>();
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [markingAll, setMarkingAll] = useState(false);
  const [failed, setFailed] = useState(false);
  const signedIn = Boolean(session.token);

  const load = async (before?: number) => {
    setLoading(true);
    setFailed(false);
    try {
      const page = await listNotifications(before);
      setMessages((shown) => (before === undefined ? page : [...(shown ?? []), ...page]));
      setMore(page.length === NOTIFICATION_PAGE_SIZE);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per sign-in.
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn]);

  const markRead = (ids: 'all' | number) =>
    setMessages((shown) => shown?.map((m) => (ids === 'all' || m.id === ids ? { ...m, read: true } : m)));

  const open = async (message: Notification) => {
    if (!message.read) {
      markRead(message.id);
      try {
        await markNotificationRead(message.id);
        void refreshMe({ showErrorToast: false }).catch(() => undefined);
      } catch {
        // Shown by the request module; it stays read on screen and is read again next time.
      }
    }
    if (message.link) openPage(message.link);
  };

  const readAll = async () => {
    setMarkingAll(true);
    try {
      await markAllNotificationsRead();
      markRead('all');
      void refreshMe({ showErrorToast: false }).catch(() => undefined);
    } catch {
      // Shown by the request module.
    } finally {
      setMarkingAll(false);
    }
  };

  const unread = messages?.filter((m) => !m.read).length ?? 0;

  return (
    <PageLayout title="消息中心" intro="房屋认证结果、议题进展等社区消息会发到这里。点开一条消息即标为已读。">
      {!signedIn ? <SignInPrompt description="登录后可以查看社区发给您的消息。" /> : null}
      {signedIn && messages && messages.length > 0 ? (
        <View className="notifications-page__summary" role="status">
          {unread > 0 ? `${unread} 条未读` : '全部已读'}
        </View>
      ) : null}
      {signedIn && unread > 0 ? (
        <ActionButton variant="secondary" loading={markingAll} onClick={() => void readAll()}>
          全部标为已读
        </ActionButton>
      ) : null}
      {signedIn && messages === undefined && !failed ? (
        <View className="notifications-page__hint">正在读取消息…</View>
      ) : null}
      {signedIn && failed && messages === undefined ? (
        <ActionButton variant="secondary" onClick={() => void load()}>
          重新读取
        </ActionButton>
      ) : null}
      {messages && messages.length === 0 ? (
        <View className="notifications-page__empty">
          <View className="notifications-page__empty-title">暂无消息</View>
          <View className="notifications-page__hint">有新的消息时，会显示在这里。</View>
        </View>
      ) : null}
      {messages && messages.length > 0 ? (
        <NotificationList notifications={messages} onOpen={(message) => void open(message)} />
      ) : null}
      {more ? (
        <ActionButton variant="secondary" loading={loading} onClick={() => void load(messages?.at(-1)?.id)}>
          加载更早的消息
        </ActionButton>
      ) : null}
    </PageLayout>
  );
}
