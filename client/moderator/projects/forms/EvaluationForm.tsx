import { View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { ProjectPhotoPicker } from '@/pages/projects/components/PhotoPicker';
import { type EvaluationForm as Evaluation, evaluationProblems, type FieldErrors } from '@/services/projects';

/** 第三方评估: the evaluator, the score 0–100, the conclusion, the report and a photo of its cover or pages. */
export function EvaluationForm({ onSave }: { onSave: (form: Evaluation) => Promise<void> }) {
  const [evaluator, setEvaluator] = useState('');
  const [score, setScore] = useState('');
  const [summary, setSummary] = useState('');
  const [report, setReport] = useState('');
  const [attachment, setAttachment] = useState<number[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const form = { evaluator: evaluator.trim(), score: score.trim(), summary: summary.trim(), report: report.trim() };
    const found = evaluationProblems(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await onSave({
        ...form,
        score: Number(form.score),
        ...(attachment[0] !== undefined ? { attachmentUploadId: attachment[0] } : {}),
      });
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };

  return (
    <View>
      <TextField
        label="评估机构"
        value={evaluator}
        onChange={setEvaluator}
        placeholder="第三方评估机构的全称"
        maxLength={100}
        error={errors.evaluator}
      />
      <TextField
        label="评估得分（0–100）"
        value={score}
        onChange={setScore}
        type="number"
        maxLength={3}
        error={errors.score}
      />
      <TextArea
        label="评估结论"
        value={summary}
        onChange={setSummary}
        placeholder="一两句话，会在公示页显示"
        maxLength={500}
        rows={3}
        error={errors.summary}
      />
      <TextArea
        label="评估报告"
        value={report}
        onChange={setReport}
        placeholder="报告正文或要点"
        maxLength={8000}
        rows={8}
        error={errors.report}
      />
      <ProjectPhotoPicker
        uploadIds={attachment}
        onChange={setAttachment}
        max={1}
        onBusyChange={setBusy}
        addLabel="上传报告照片"
      />
      <View className="project__actions">
        <ActionButton loading={saving} disabled={busy} onClick={() => void save()}>
          录入评估结果
        </ActionButton>
      </View>
    </View>
  );
}
