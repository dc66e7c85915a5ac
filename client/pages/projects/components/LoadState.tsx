import { View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import type { Loaded } from './useProject';
import './project.css';

/** What a project page shows until its data is there: a line while loading, the reason and a retry when it failed. */
export function LoadState<T>({ loaded, what, onRetry }: { loaded: Loaded<T>; what: string; onRetry: () => void }) {
  if (loaded.kind === 'failed') {
    return (
      <Notice tone="danger" title={`无法打开${what}`} live="alert">
        {loaded.message}
        <View className="project__actions">
          <ActionButton variant="secondary" onClick={onRetry}>
            重新加载
          </ActionButton>
        </View>
      </Notice>
    );
  }
  return (
    <View className="project__muted" role="status">
      正在读取{what}…
    </View>
  );
}
