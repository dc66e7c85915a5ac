import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useSession } from '@/services/session';
import './index.css';

interface PageLayoutProps {
  /** The page's one heading. */
  title: string;
  /** One or two sentences telling the resident what this page is for. */
  intro: string;
  children?: ReactNode;
}

/**
 * The frame every page shares: heading, short introduction, content column.
 * It carries the large-text class when the resident turned 大字模式 on.
 */
export function PageLayout({ title, intro, children }: PageLayoutProps) {
  const largeText = useSession().me?.largeText === true;
  return (
    <View className={largeText ? 'page-layout yishi-large-text' : 'page-layout'} role="main">
      <View className="page-layout__header">
        <View className="page-layout__title" role="heading" aria-level={1}>
          {title}
        </View>
        <View className="page-layout__intro">{intro}</View>
      </View>
      <View className="page-layout__body">{children}</View>
    </View>
  );
}
