import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { replacePage } from '@/services/navigation';
import {
  applyProblems,
  applyToProject,
  budgetText,
  dayText,
  type FieldErrors,
  getProject,
  projectUrl,
} from '@/services/projects';
import { LoadState } from './components/LoadState';
import { ProjectPhotoPicker } from './components/PhotoPicker';
import { Fact, ProjectFacts } from './components/ProjectParts';
import { useProject } from './components/useProject';
import './components/project.css';

const fetchProject = (id: number) => getProject(id, { showErrorToast: false });

/** 项目申报 (social organisations): the service plan, the team, the price and supporting pictures. */
export default function ProjectApplyPage() {
  const { loaded, reload } = useProject(fetchProject);
  const [proposal, setProposal] = useState('');
  const [team, setTeam] = useState('');
  const [budgetYuan, setBudgetYuan] = useState('');
  const [attachments, setAttachments] = useState<number[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [uploading, setUploading] = useState(false);
  const [saving, setSaving] = useState(false);

  const project = loaded.kind === 'ready' ? loaded.value : undefined;
  if (!project) {
    return (
      <PageLayout title="项目申报" intro="社会组织申报承接三社联动服务项目。">
        <LoadState loaded={loaded} what="这个项目" onRetry={() => void reload()} />
      </PageLayout>
    );
  }
  const open = project.me.actions.includes('apply');

  const submit = async () => {
    const form = {
      proposal: proposal.trim(),
      team: team.trim(),
      budgetYuan: budgetYuan.trim(),
      attachmentUploadIds: attachments,
    };
    const found = applyProblems(form, project.design.budgetFen);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await applyToProject(project.id, form);
      void Taro.showToast({ title: '申报已提交', icon: 'success' });
      replacePage(projectUrl('detail', project.id));
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageLayout title="项目申报" intro={`${project.communityName}「${project.title}」`}>
      <Section title="征集信息">
        <Fact label="申报截止" value={dayText(project.call.deadline)} />
        <Fact label="申报要求" value={project.call.requirements} />
        <ProjectFacts demand={project.demand} design={project.design} />
      </Section>
      {!open ? (
        <Notice tone="warning" title="现在不能申报这个项目">
          {project.me.applied
            ? '您的机构已经申报过这个项目，每个机构只能申报一次。'
            : project.me.roles.includes('social_org')
              ? '征集已截止或已结束。'
              : '只有本街道登记的社会组织可以申报。'}
        </Notice>
      ) : (
        <>
          <Section title="申报内容">
            <TextArea
              label="服务方案"
              value={proposal}
              onChange={setProposal}
              placeholder="怎么做、做多少、什么时候做、怎样保证质量"
              maxLength={4000}
              rows={8}
              error={errors.proposal}
            />
            <TextArea
              label="项目团队"
              value={team}
              onChange={setTeam}
              placeholder="负责人、社工、志愿者人数和经验"
              maxLength={1000}
              rows={3}
              error={errors.team}
            />
            <TextField
              label="报价（元）"
              value={budgetYuan}
              onChange={setBudgetYuan}
              placeholder="例如 80000"
              hint={`不超过项目预算 ${budgetText(project.design.budgetFen)}`}
              error={errors.budgetYuan}
            />
          </Section>
          <Section title="证明材料" description="机构资质、以往项目照片等，可拍照上传（最多 9 张）。">
            <ProjectPhotoPicker
              uploadIds={attachments}
              onChange={setAttachments}
              max={9}
              onBusyChange={setUploading}
              addLabel="添加材料照片"
            />
          </Section>
          <View className="project__actions">
            <ActionButton loading={saving} disabled={uploading} onClick={() => void submit()}>
              提交申报
            </ActionButton>
          </View>
        </>
      )}
    </PageLayout>
  );
}
