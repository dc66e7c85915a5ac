import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Skeleton } from '@/components/nutui';
import './index.css';

interface StatusPanelProps {
  /** `loading` shows a placeholder; `empty` and `error` a message (an error is announced at once). */
  kind: 'loading' | 'empty' | 'error';
  title?: string;
  description?: string;
  /** A button or two, e.g. 重试. */
  children?: ReactNode;
}

/** The box a committee page shows while loading, when a list is empty, or when something failed. */
export function StatusPanel({ kind, title, description, children }: StatusPanelProps) {
  if (kind === 'loading') {
    return (
      <View className="status-panel" role="status" aria-busy aria-live="polite">
        <View className="status-panel__description">{title ?? '正在加载…'}</View>
        <Skeleton rows={3} animated />
      </View>
    );
  }
  return (
    <View
      className={`status-panel status-panel--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live={kind === 'error' ? 'assertive' : 'polite'}
    >
      {title && <View className="status-panel__title">{title}</View>}
      {description && <View className="status-panel__description">{description}</View>}
      {children && <View className="status-panel__actions">{children}</View>}
    </View>
  );
}
