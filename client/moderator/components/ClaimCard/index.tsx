import { UNIT_RELATION_LABELS } from '@shared/auth/roles';
import { rejectClaimBodySchema } from '@shared/members/members.schema';
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { Tag } from '@/components/nutui';
import type { ModerationClaim } from '@/services/moderation';
import { formatDateTime } from '../datetime';
import { EvidencePhoto } from '../EvidencePhoto';
import { ModeratorButton } from '../ModeratorButton';
import { ReasonForm } from '../ReasonForm';
import { compareWithRoster, isClaimedOwner } from './roster-comparison';
import './index.css';

/** Reasons moderators give most often; one tap fills the reason in. */
export const REJECT_REASON_PRESETS = [
  '材料不清晰',
  '姓名与产权信息不符',
  '非本小区住户',
  '缺少租赁合同或居住证明',
] as const;

interface ClaimCardProps {
  claim: ModerationClaim;
  /** Resolves once the server approved (the page then drops the card); rejects when it did not. */
  onApprove: (claim: ModerationClaim) => Promise<void>;
  onReject: (claim: ModerationClaim, reason: string) => Promise<void>;
}

/** `槐荫里 1号楼 2单元502` */
export function unitTitle(claim: ModerationClaim): string {
  return `${claim.unit.estateName} ${claim.unit.buildingName} ${claim.unit.label}`;
}

/**
 * One resident's claim on a unit as the moderator decides it: who, which
 * unit, the roster owners on file next to the claimed name, the evidence
 * photo, and 通过 / 驳回 while it is pending.
 */
export function ClaimCard({ claim, onApprove, onReject }: ClaimCardProps) {
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const run = async (which: 'approve' | 'reject', action: () => Promise<void>) => {
    setBusy(which);
    try {
      await action();
    } catch {
      // The request module has shown the server's message; the card stays for another try.
    } finally {
      if (mounted.current) setBusy(null);
    }
  };

  const comparison = compareWithRoster(claim);
  const title = unitTitle(claim);
  const applicant =
    claim.userNickname && claim.userNickname !== claim.claimedName
      ? `${claim.claimedName}（昵称 ${claim.userNickname}）`
      : claim.claimedName;

  return (
    <View className="claim-card" role="article" aria-label={`${claim.claimedName} 申请认证 ${title}`}>
      <View className="claim-card__header">
        <View className="claim-card__unit" role="heading" aria-level={2}>
          {title}
        </View>
        <View className="claim-card__tags">
          <Tag type="primary" className="claim-card__relation">
            {UNIT_RELATION_LABELS[claim.relation]}
          </Tag>
          {claim.unit.developerHeld && <Tag className="claim-card__tag-neutral">开发商持有</Tag>}
        </View>
      </View>

      <View className="claim-card__facts">
        <Fact label="申请人" value={applicant} />
        <Fact label="手机号" value={claim.userPhone ?? '未登记'} />
        <Fact label="建筑面积" value={`${claim.unit.areaM2} ㎡`} />
        <Fact label="提交时间" value={formatDateTime(claim.createdAt)} />
      </View>

      <View className={`claim-card__roster claim-card__roster--${comparison.tone}`}>
        <View className="claim-card__roster-title">名册比对</View>
        <View className="claim-card__roster-row">
          <View className="claim-card__roster-label">申请姓名</View>
          <View className="claim-card__roster-value claim-card__claimed">{claim.claimedName}</View>
        </View>
        <View className="claim-card__roster-row">
          <View className="claim-card__roster-label">名册业主</View>
          <View className="claim-card__roster-value">
            {claim.rosterOwners.length === 0
              ? '（名册无记录）'
              : claim.rosterOwners.map((owner, index) => (
                  <View
                    key={`${owner.name}-${owner.phone ?? ''}`}
                    className={`claim-card__owner${isClaimedOwner(claim, index) ? ' claim-card__owner--match' : ''}`}
                  >
                    {owner.name}
                    {owner.phone ? ` ${owner.phone}` : ''}
                  </View>
                ))}
          </View>
        </View>
        <View className={`claim-card__verdict claim-card__verdict--${comparison.tone}`}>
          {comparison.tone === 'success' ? '✓ ' : comparison.tone === 'danger' ? '✗ ' : ''}
          {comparison.text}
        </View>
      </View>

      <View className="claim-card__evidence">
        <View className="claim-card__section-title">证明材料</View>
        <EvidencePhoto uploadId={claim.evidenceUploadId} owner={claim.claimedName} />
      </View>

      {claim.status === 'approved' && <View className="claim-card__decided claim-card__decided--approved">已通过</View>}
      {claim.status === 'withdrawn' && <View className="claim-card__decided">申请人已撤回</View>}
      {claim.status === 'rejected' && (
        <View className="claim-card__decided claim-card__decided--rejected">
          已驳回{claim.rejectReason ? `：${claim.rejectReason}` : ''}
        </View>
      )}

      {claim.status === 'pending' &&
        (rejecting ? (
          <ReasonForm
            label="驳回原因"
            presets={REJECT_REASON_PRESETS}
            schema={rejectClaimBodySchema}
            confirmLabel="确认驳回"
            danger
            busy={busy === 'reject'}
            onSubmit={(reason) => void run('reject', () => onReject(claim, reason))}
            onCancel={() => setRejecting(false)}
          />
        ) : (
          <View className="claim-card__actions">
            <ModeratorButton
              busy={busy === 'approve'}
              onClick={() => void run('approve', () => onApprove(claim))}
              aria-label={`通过 ${claim.claimedName} 的认证`}
            >
              通过
            </ModeratorButton>
            <ModeratorButton
              variant="secondary"
              disabled={busy !== null}
              onClick={() => setRejecting(true)}
              aria-label={`驳回 ${claim.claimedName} 的认证`}
            >
              驳回
            </ModeratorButton>
          </View>
        ))}
    </View>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className="claim-card__fact">
      <View className="claim-card__fact-label">{label}</View>
      <View className="claim-card__fact-value">{value}</View>
    </View>
  );
}
