import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';

interface SectionProps {
  /** Heading of the card (level 2). */
  title: string;
  /** A sentence under the heading. */
  description?: string;
  /** `danger` for the card of an action that cannot be undone. */
  tone?: 'default' | 'danger';
  className?: string;
  children?: ReactNode;
}

/** A white card with a heading: how pages group what belongs together. */
export function Section({ title, description, tone = 'default', className, children }: SectionProps) {
  const classes = ['yishi-section', tone === 'danger' ? 'yishi-section--danger' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={classes} role="region" aria-label={title}>
      <View className="yishi-section__title" role="heading" aria-level={2}>
        {title}
      </View>
      {description ? <View className="yishi-section__description">{description}</View> : null}
      {children}
    </View>
  );
}
