import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';

interface PageLayoutProps {
  /** The page's one heading. */
  title: string;
  /** One or two sentences telling the resident what this page is for. */
  intro: string;
  children?: ReactNode;
}

/** The frame every page shares: heading, short introduction, content column. */
export function PageLayout({ title, intro, children }: PageLayoutProps) {
  return (
    <View className="page-layout" role="main">
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
