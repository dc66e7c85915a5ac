import { View } from '@tarojs/components';
import { describeDay } from '@/components/when';
import './index.css';

interface CosignProgressProps {
  count: number;
  /** 0 when the community sets no co-sign target. */
  target: number;
  /** YYYY-MM-DD or ISO time, while co-signing. */
  deadline?: string | null;
  collecting: boolean;
}

/** How many neighbours co-signed; with a target, a bar and how many are still needed by when. */
export function CosignProgress({ count, target, deadline, collecting }: CosignProgressProps) {
  if (!collecting || target <= 0) {
    return <View className="yishi-cosign__count">已有 {count} 位居民附议</View>;
  }
  const missing = Math.max(0, target - count);
  const percent = Math.min(100, Math.round((count / target) * 100));
  return (
    <View className="yishi-cosign">
      <View className="yishi-cosign__count">
        附议 {count}/{target} 人{missing > 0 ? `，还差 ${missing} 人` : '，已达标'}
      </View>
      <View
        className="yishi-cosign__bar"
        role="progressbar"
        aria-label="附议进度"
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={Math.min(count, target)}
      >
        <View className="yishi-cosign__fill" style={{ width: `${percent}%` }} />
      </View>
      {deadline ? <View className="yishi-cosign__deadline">附议截止：{describeDay(deadline)}</View> : null}
    </View>
  );
}
