import type { ProjectView } from '@shared/projects/projects.schema';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { type DesignForm as Design, designProblems, type FieldErrors } from '@/services/projects';

const yuanOf = (fen: number | null) =>
  fen === null ? '' : fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);

/** 项目方案: goals, content, who it serves, budget in yuan and the dates; checked before sending. */
export function DesignForm({
  design,
  onSave,
}: {
  design: ProjectView['design'];
  onSave: (form: Design) => Promise<void>;
}) {
  const [goals, setGoals] = useState(design.goals ?? '');
  const [serviceContent, setServiceContent] = useState(design.serviceContent ?? '');
  const [beneficiaries, setBeneficiaries] = useState(design.beneficiaries ?? '');
  const [budgetYuan, setBudgetYuan] = useState(yuanOf(design.budgetFen));
  const [startDate, setStartDate] = useState(design.startDate ?? '');
  const [endDate, setEndDate] = useState(design.endDate ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const form = {
      goals: goals.trim(),
      serviceContent: serviceContent.trim(),
      beneficiaries: beneficiaries.trim(),
      budgetYuan: budgetYuan.trim(),
      startDate: startDate.trim(),
      endDate: endDate.trim(),
    };
    const found = designProblems(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await onSave(form);
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };

  return (
    <View>
      <TextArea
        label="项目目标"
        value={goals}
        onChange={setGoals}
        placeholder="要解决什么问题，做到什么程度"
        maxLength={2000}
        rows={3}
        error={errors.goals}
      />
      <TextArea
        label="服务内容"
        value={serviceContent}
        onChange={setServiceContent}
        placeholder="具体做哪些服务、多久一次"
        maxLength={4000}
        rows={5}
        error={errors.serviceContent}
      />
      <TextField
        label="服务对象"
        value={beneficiaries}
        onChange={setBeneficiaries}
        placeholder="例如：槐荫里 80 岁以上老人约 60 人"
        maxLength={200}
        error={errors.beneficiaries}
      />
      <TextField
        label="项目预算（元）"
        value={budgetYuan}
        onChange={setBudgetYuan}
        placeholder="例如 86000"
        hint="最多两位小数"
        error={errors.budgetYuan}
      />
      <TextField
        label="开始日期"
        value={startDate}
        onChange={setStartDate}
        placeholder="2027-01-01"
        maxLength={10}
        error={errors.startDate}
      />
      <TextField
        label="结束日期"
        value={endDate}
        onChange={setEndDate}
        placeholder="2027-12-31"
        maxLength={10}
        error={errors.endDate}
      />
      <View className="project__actions">
        <ActionButton loading={saving} onClick={() => void save()}>
          保存方案
        </ActionButton>
      </View>
    </View>
  );
}
