import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import type { Notification } from '@/services/notifications';
import './index.css';

interface NotificationListProps {
  notifications: readonly Notification[];
  /** Opens a message: the page marks it read and follows its link. */
  onOpen: (notification: Notification) => void;
}

/** "11月27日 10:32", or with the year when it is not this year; China time. */
export function formatMessageTime(iso: string, now = new Date()): string {
  const shift = (date: Date) => new Date(date.getTime() + 8 * 3600_000);
  const time = shift(new Date(iso));
  const year = time.getUTCFullYear();
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${time.getUTCMonth() + 1}月${time.getUTCDate()}日 ${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}`;
  return year === shift(now).getUTCFullYear() ? day : `${year}年${day}`;
}

/** The message centre's list: unread messages are marked with a dot and the word 未读. */
export function NotificationList({ notifications, onOpen }: NotificationListProps) {
  return (
    <View className="yishi-messages" role="list" aria-label="消息列表">
      {notifications.map((message) => (
        <View key={message.id} role="listitem" className="yishi-messages__item">
          <View
            className={`yishi-message yishi-pressable${message.read ? '' : ' yishi-message--unread'}`}
            {...pressableProps(() => onOpen(message))}
          >
            <View className="yishi-message__head">
              {message.read ? null : <View className="yishi-message__dot" aria-hidden="true" />}
              <View className="yishi-message__title">{message.title}</View>
              {message.read ? null : <View className="yishi-message__unread">未读</View>}
            </View>
            <View className="yishi-message__body">{message.body}</View>
            <View className="yishi-message__time">{formatMessageTime(message.createdAt)}</View>
          </View>
        </View>
      ))}
    </View>
  );
}
