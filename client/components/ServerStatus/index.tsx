import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Skeleton, Tag } from '@/components/nutui';
import { ApiError } from '@/services/request';
import { getHealth, type Health } from '@/services/system';
import './index.css';

type HealthState = { kind: 'loading' } | { kind: 'healthy'; health: Health } | { kind: 'failed'; message: string };

const DATABASE_NAMES: Record<Health['db'], string> = { sqlite: 'SQLite', mysql: 'MySQL' };

/** Describes a healthy server in one line, e.g. `数据库 SQLite · 版本 0.1.0`. */
export function describeHealth(health: Health): string {
  return `数据库 ${DATABASE_NAMES[health.db]} · 版本 ${health.version}`;
}

/**
 * Asks the server whether it is up and shows the answer: which database it
 * runs on and its version, or what went wrong with a button to try again.
 */
export function ServerStatus() {
  const [state, setState] = useState<HealthState>({ kind: 'loading' });
  const mounted = useRef(true);

  const check = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      // This card shows the error itself, so no toast on top of it.
      const health = await getHealth({ showErrorToast: false });
      if (mounted.current) setState({ kind: 'healthy', health });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : '服务状态检查失败，请稍后重试';
      if (mounted.current) setState({ kind: 'failed', message });
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    void check();
    return () => {
      mounted.current = false;
    };
  }, [check]);

  return (
    <View className="server-status" role="status" aria-live="polite" aria-busy={state.kind === 'loading'}>
      <View className="server-status__label">服务状态</View>
      {state.kind === 'loading' && (
        <View className="server-status__loading">
          <Text className="server-status__hint">正在连接服务器…</Text>
          <Skeleton rows={1} animated />
        </View>
      )}
      {state.kind === 'healthy' && (
        <View className="server-status__row">
          <Tag type="success" className="server-status__tag">
            服务正常
          </Tag>
          <Text className="server-status__detail">{describeHealth(state.health)}</Text>
        </View>
      )}
      {state.kind === 'failed' && (
        <View className="server-status__failed">
          <View className="server-status__row">
            <Tag type="danger" className="server-status__tag">
              无法连接服务器
            </Tag>
          </View>
          <Text className="server-status__detail">{state.message}</Text>
          <ActionButton
            className="server-status__retry"
            variant="secondary"
            block={false}
            onClick={() => void check()}
            aria-label="重试连接服务器"
          >
            重试
          </ActionButton>
        </View>
      )}
    </View>
  );
}
