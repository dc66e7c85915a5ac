import { View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { dayFromToday } from '@/components/when';
import { deadlineProblem } from '@/services/projects';

/** 公开征集: the last day applications are taken, and what applicants must bring. */
export function CallForm({
  button,
  initialDeadline,
  onOpen,
}: {
  button: string;
  initialDeadline?: string | null;
  onOpen: (deadline: string, requirements: string) => Promise<void>;
}) {
  const [deadline, setDeadline] = useState(initialDeadline ?? dayFromToday(14));
  const [requirements, setRequirements] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const problem = deadlineProblem(deadline, dayFromToday(0));
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      await onOpen(deadline.trim(), requirements.trim());
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };
  return (
    <View>
      <TextField
        label="申报截止日期"
        value={deadline}
        onChange={setDeadline}
        hint="截止当天仍可申报，截止后才能选定承接机构"
        maxLength={10}
        error={error}
      />
      <TextArea
        label="申报要求（可不填）"
        value={requirements}
        onChange={setRequirements}
        placeholder="例如：须有两年以上助老服务经验"
        maxLength={2000}
        rows={3}
      />
      <View className="project__actions">
        <ActionButton loading={saving} onClick={() => void submit()}>
          {button}
        </ActionButton>
      </View>
    </View>
  );
}
