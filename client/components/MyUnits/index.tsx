import type { MyUnit } from '@shared/auth/auth.schema';
import { UNIT_RELATION_LABELS } from '@shared/auth/roles';
import { Text, View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton';
import { ClaimStatusTag } from '@/components/ClaimStatusTag';
import './index.css';

interface MyUnitsProps {
  units: readonly MyUnit[];
  /** Withdraws a pending claim (the page asks for confirmation). */
  onWithdraw: (unit: MyUnit) => void;
  /** The claim being withdrawn right now. */
  withdrawingClaimId?: number;
}

/** The resident's units and the state of each claim: 待审核 / 已认证 / 未通过 with the reason. */
export function MyUnits({ units, onWithdraw, withdrawingClaimId }: MyUnitsProps) {
  if (units.length === 0) {
    return <View className="yishi-units__empty">您还没有认证房屋。认证后可以参加本小区的表决。</View>;
  }
  return (
    <View className="yishi-units" role="list" aria-label="我的房屋">
      {units.map((unit) => (
        <View key={unit.claimId} className="yishi-unit" role="listitem">
          <View className="yishi-unit__head">
            <View className="yishi-unit__address">
              {/* Each part stays on one line; a narrow screen breaks between them. */}
              <Text className="yishi-unit__part">{unit.estateName}</Text>{' '}
              <Text className="yishi-unit__part">{unit.buildingName}</Text>{' '}
              <Text className="yishi-unit__part">{unit.label}</Text>
            </View>
            <ClaimStatusTag status={unit.status} />
          </View>
          <View className="yishi-unit__relation">身份：{UNIT_RELATION_LABELS[unit.relation]}</View>
          {unit.status === 'pending' ? (
            <View className="yishi-unit__note">社区工作者审核后会在消息中心通知您。</View>
          ) : null}
          {unit.status === 'rejected' ? (
            <View className="yishi-unit__reason">未通过原因：{unit.rejectReason || '未说明，请联系社区居委会'}</View>
          ) : null}
          {unit.status === 'pending' ? (
            <ActionButton
              variant="secondary"
              loading={withdrawingClaimId === unit.claimId}
              aria-label={`撤回申请：${unit.estateName}${unit.buildingName}${unit.label}`}
              onClick={() => onWithdraw(unit)}
            >
              撤回申请
            </ActionButton>
          ) : null}
        </View>
      ))}
    </View>
  );
}
