import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';

interface NoticeProps {
  tone?: 'info' | 'success' | 'warning' | 'danger';
  /** Bold first line. */
  title?: string;
  children?: ReactNode;
  /** `alert` for something that just went wrong or needs action now; `status` for a result. */
  live?: 'alert' | 'status';
}

/** A coloured box that tells the resident something about the page's state. */
export function Notice({ tone = 'info', title, children, live }: NoticeProps) {
  return (
    <View className={`yishi-notice yishi-notice--${tone}`} role={live}>
      {title ? <View className="yishi-notice__title">{title}</View> : null}
      {children ? <View className="yishi-notice__body">{children}</View> : null}
    </View>
  );
}
