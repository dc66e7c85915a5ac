import type { ApplicationView } from '@shared/projects/projects.schema';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { TextArea } from '@/components/TextArea';
import { Fact, ProjectPhotos } from '@/pages/projects/components/ProjectParts';
import { budgetText, type FieldErrors, selectProblems } from '@/services/projects';

/** The applications of the call, each in full, and the choice of one with a written reason. */
export function SelectForm({
  applications,
  canSelect,
  onSelect,
}: {
  applications: ApplicationView[];
  canSelect: boolean;
  onSelect: (applicationId: number, reason: string) => Promise<void>;
}) {
  const [chosen, setChosen] = useState<number>();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const found = selectProblems({ applicationId: chosen, reason: reason.trim() });
    setErrors(found);
    if (Object.keys(found).length > 0 || chosen === undefined) return;
    setSaving(true);
    try {
      await onSelect(chosen, reason.trim());
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };

  if (applications.length === 0) return <View className="project__muted">还没有收到申报。</View>;
  return (
    <View>
      {applications.map((a) => (
        <View key={a.id} className="project__card">
          <View className="project__card-title">
            {a.organisation} · {a.statusLabel}
          </View>
          <View className="project__facts">
            <Fact label="申报人" value={a.applicantName} />
            <Fact label="报价" value={budgetText(a.budgetFen)} />
            <Fact label="服务方案" value={a.proposal} />
            <Fact label="项目团队" value={a.team} />
          </View>
          <ProjectPhotos files={a.attachments} />
        </View>
      ))}
      {canSelect ? (
        <View>
          <ChoiceList
            label="选定承接机构"
            choices={applications.map((a) => ({
              value: a.id,
              label: `${a.organisation}（${budgetText(a.budgetFen)}）`,
            }))}
            value={chosen}
            onChange={setChosen}
            columns={1}
            showLabel
          />
          {errors.applicationId ? (
            <View className="project__error" role="alert">
              {errors.applicationId}
            </View>
          ) : null}
          <TextArea
            label="选定理由"
            value={reason}
            onChange={setReason}
            placeholder="为什么选这家：方案、经验、报价……未选中的机构也会看到"
            maxLength={1000}
            rows={3}
            error={errors.reason}
          />
          <View className="project__actions">
            <ActionButton loading={saving} onClick={() => void submit()}>
              确认选定
            </ActionButton>
          </View>
        </View>
      ) : null}
    </View>
  );
}
