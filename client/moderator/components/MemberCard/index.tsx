import { ROLE_LABELS } from '@shared/auth/roles';
import { suspendBodySchema } from '@shared/members/members.schema';
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { Tag } from '@/components/nutui';
import type { GrantRoleInput, Member } from '@/services/moderation';
import { formatDate } from '../datetime';
import { ModeratorButton } from '../ModeratorButton';
import { ReasonForm } from '../ReasonForm';
import { RoleGrantForm } from '../RoleGrantForm';
import './index.css';

/** Reasons moderators give most often for a suspension. */
export const SUSPEND_REASON_PRESETS = ['发布不实或不当信息', '冒用他人身份', '多次恶意刷屏', '已搬离本社区'] as const;

interface MemberCardProps {
  member: Member;
  /** The signed-in moderator's own entry: no suspension button. */
  isSelf: boolean;
  onSuspend: (member: Member, reason: string) => Promise<void>;
  onRestore: (member: Member) => Promise<void>;
  /** The community's estates, for roles given for one estate. */
  estates: readonly { id: number; name: string }[];
  onGrant: (member: Member, input: Omit<GrantRoleInput, 'userId'>) => Promise<void>;
  /** Takes a granted role away. */
  onRevoke: (member: Member, grantId: number) => Promise<void>;
}

/** The name a moderator knows the member by: the real name, else the nickname. */
export function memberName(member: Member): string {
  return member.realName ?? member.nickname;
}

/**
 * One member as moderators see them: real name, full phone, roles, verified
 * units; 暂停 asks for a reason, 恢复 asks for a confirmation, 授予角色 for
 * the role and its estate.
 */
export function MemberCard({ member, isSelf, onSuspend, onRestore, estates, onGrant, onRevoke }: MemberCardProps) {
  const [mode, setMode] = useState<'idle' | 'suspending' | 'restoring' | 'granting'>('idle');
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      if (mounted.current) setMode('idle');
    } catch {
      // The request module has shown the server's message; the form stays for another try.
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const name = memberName(member);
  const suspended = member.status === 'suspended';
  return (
    <View className="member-card" role="article" aria-label={name}>
      <View className="member-card__header">
        <View className="member-card__name" role="heading" aria-level={2}>
          {name}
          {member.realName && member.nickname !== member.realName && (
            <View className="member-card__nickname">昵称 {member.nickname}</View>
          )}
        </View>
        <Tag type={suspended ? 'danger' : 'success'}>{suspended ? '已暂停' : '正常'}</Tag>
      </View>

      <View className="member-card__line">
        <View className="member-card__label">手机号</View>
        <View className="member-card__value">{member.phone ?? '未登记'}</View>
      </View>
      <View className="member-card__line">
        <View className="member-card__label">身份</View>
        <View className="member-card__roles">
          {member.roles.length === 0 ? (
            <View className="member-card__muted">尚未认证房屋</View>
          ) : (
            member.roles.map((role) => (
              <Tag key={role} className="member-card__role">
                {ROLE_LABELS[role]}
              </Tag>
            ))
          )}
        </View>
      </View>
      {member.grants.length > 0 && (
        <View className="member-card__line">
          <View className="member-card__label">职务</View>
          <View className="member-card__value">
            {member.grants.map((g) => (
              <View key={g.id} className="member-card__grant">
                <View>
                  {ROLE_LABELS[g.role]} · {g.scopeName}
                  {g.organisation ? ` · ${g.organisation}` : ''}
                </View>
                {!isSelf && (
                  <ModeratorButton busy={busy} onClick={() => void run(() => onRevoke(member, g.id))}>
                    撤销
                  </ModeratorButton>
                )}
              </View>
            ))}
          </View>
        </View>
      )}
      <View className="member-card__line">
        <View className="member-card__label">房屋</View>
        <View className="member-card__value">
          {member.units.length === 0
            ? '—'
            : member.units.map((unit) => (
                <View key={unit} className="member-card__unit">
                  {unit}
                </View>
              ))}
        </View>
      </View>
      <View className="member-card__line">
        <View className="member-card__label">加入时间</View>
        <View className="member-card__value">{formatDate(member.joinedAt)}</View>
      </View>
      {suspended && member.suspendedReason && (
        <View className="member-card__suspension">暂停原因：{member.suspendedReason}</View>
      )}

      {isSelf && <View className="member-card__muted">这是您本人的账号</View>}
      {!isSelf && mode === 'suspending' && (
        <ReasonForm
          label={`暂停 ${name} 的原因`}
          presets={SUSPEND_REASON_PRESETS}
          schema={suspendBodySchema}
          confirmLabel="确认暂停"
          danger
          busy={busy}
          onSubmit={(reason) => void run(() => onSuspend(member, reason))}
          onCancel={() => setMode('idle')}
        />
      )}
      {!isSelf && mode === 'restoring' && (
        <View className="member-card__confirm" role="group" aria-label={`恢复 ${name} 的账号`}>
          <View>确定恢复 {name} 的账号吗？恢复后对方可以重新发起议题、附议和表决。</View>
          <View className="member-card__actions">
            <ModeratorButton busy={busy} onClick={() => void run(() => onRestore(member))}>
              确认恢复
            </ModeratorButton>
            <ModeratorButton variant="secondary" disabled={busy} onClick={() => setMode('idle')}>
              取消
            </ModeratorButton>
          </View>
        </View>
      )}
      {!isSelf && mode === 'granting' && (
        <RoleGrantForm
          memberName={name}
          estates={estates}
          busy={busy}
          onSubmit={(input) => void run(() => onGrant(member, input))}
          onCancel={() => setMode('idle')}
        />
      )}
      {!isSelf && mode === 'idle' && (
        <View className="member-card__actions">
          {!suspended && (
            <ModeratorButton variant="secondary" onClick={() => setMode('granting')} aria-label={`为 ${name} 授予角色`}>
              授予角色
            </ModeratorButton>
          )}
          {suspended ? (
            <ModeratorButton variant="secondary" onClick={() => setMode('restoring')} aria-label={`恢复 ${name}`}>
              恢复
            </ModeratorButton>
          ) : (
            <ModeratorButton variant="secondary" onClick={() => setMode('suspending')} aria-label={`暂停 ${name}`}>
              暂停
            </ModeratorButton>
          )}
        </View>
      )}
    </View>
  );
}
