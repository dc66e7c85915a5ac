import type { ClaimStatus } from '@shared/auth/roles';
import { View } from '@tarojs/components';
import './index.css';

/** How a claim's status reads for the resident. */
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  pending: '待审核',
  approved: '已认证',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** The status of a unit claim as a coloured label (colour is never the only cue: the word is there). */
export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  return <View className={`yishi-claim-status yishi-claim-status--${status}`}>{CLAIM_STATUS_LABELS[status]}</View>;
}
