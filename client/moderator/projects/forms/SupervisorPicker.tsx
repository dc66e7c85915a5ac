import type { Member } from '@shared/members/members.schema';
import { SUPERVISORS_MAX } from '@shared/projects/project-states';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ToggleRow } from '@/components/ToggleRow';
import { listMembers } from '@/services/moderation';

/** 居民监督员: 1–5 verified residents of the community, chosen from its members. */
export function SupervisorPicker({
  communityId,
  current,
  onAppoint,
}: {
  communityId: number;
  current: number[];
  onAppoint: (userIds: number[]) => Promise<void>;
}) {
  const [residents, setResidents] = useState<Member[]>();
  const [chosen, setChosen] = useState<number[]>(current);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    listMembers(communityId, { status: 'active', limit: 100 }, { showErrorToast: false })
      .then((members) => setResidents(members.filter((m) => m.roles.includes('resident'))))
      .catch(() => setResidents([]));
  }, [communityId]);

  const toggle = (userId: number, on: boolean) => {
    setError(undefined);
    if (on && chosen.length >= SUPERVISORS_MAX) {
      setError(`最多聘请 ${SUPERVISORS_MAX} 名监督员`);
      return;
    }
    setChosen(on ? [...chosen, userId] : chosen.filter((u) => u !== userId));
  };

  const save = async () => {
    if (chosen.length === 0) {
      setError('请至少选择 1 名监督员');
      return;
    }
    setSaving(true);
    try {
      await onAppoint(chosen);
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };

  if (!residents) return <View className="project__muted">正在读取已认证居民…</View>;
  if (residents.length === 0) return <View className="project__muted">本社区还没有已认证的居民。</View>;
  return (
    <View>
      {residents.map((m) => (
        <ToggleRow
          key={m.userId}
          label={m.realName ?? m.nickname}
          description={m.units.join('、')}
          checked={chosen.includes(m.userId)}
          onChange={(on) => toggle(m.userId, on)}
        />
      ))}
      {error ? (
        <View className="project__error" role="alert">
          {error}
        </View>
      ) : null}
      <View className="project__actions">
        <ActionButton loading={saving} onClick={() => void save()}>
          {`聘请所选的 ${chosen.length} 位居民`}
        </ActionButton>
      </View>
    </View>
  );
}
