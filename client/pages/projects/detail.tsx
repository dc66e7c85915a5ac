import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LinkRow } from '@/components/LinkRow';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { openPage } from '@/services/navigation';
import {
  addSupervisionNote,
  budgetText,
  dayText,
  getProject,
  type ProjectView,
  projectUrl,
  reportProgress,
} from '@/services/projects';
import { LoadState } from './components/LoadState';
import { NoteComposer } from './components/NoteComposer';
import { Fact, ProjectFacts, ProjectPhotos, ProjectStatusTag, ProjectTimeline } from './components/ProjectParts';
import { useProject } from './components/useProject';
import './components/project.css';

const fetchProject = (id: number) => getProject(id, { showErrorToast: false });
const PUBLIC = ['open_call', 'in_progress', 'completed', 'evaluated'];

/**
 * 项目详情 for the people working on it: the selected organisation reports
 * progress, supervisors and the moderator record supervision notes, social
 * organisations see the call and their own application.
 */
export default function ProjectDetailPage() {
  const { loaded, reload, replace } = useProject(fetchProject);
  const project = loaded.kind === 'ready' ? loaded.value : undefined;
  if (!project) {
    return (
      <PageLayout title="项目详情" intro="三社联动服务项目的方案、进展和监督。">
        <LoadState loaded={loaded} what="这个项目" onRetry={() => void reload()} />
      </PageLayout>
    );
  }
  const can = (action: ProjectView['me']['actions'][number]) => project.me.actions.includes(action);
  const privileged = project.me.roles.includes('moderator') || project.me.roles.includes('subdistrict_admin');
  // Others see only their own organisation's application.
  const mine = privileged ? [] : project.applications;
  const saved = (title: string) => (next: ProjectView) => {
    replace(next);
    void Taro.showToast({ title, icon: 'success' });
  };

  return (
    <PageLayout title={project.title} intro={`${project.communityName} · 三社联动服务项目`}>
      <Section title="项目状态">
        <ProjectStatusTag status={project.status} />
        {project.me.roles.includes('supervisor') ? (
          <Notice tone="info" title="您是本项目的居民监督员">
            请关注服务是否按方案落实，发现问题随时记录监督意见。
          </Notice>
        ) : null}
        {project.me.roles.includes('selected_org') ? (
          <Notice tone="success" title="您的机构承接本项目">
            请按方案实施，并定期报告进展、上传照片。
          </Notice>
        ) : null}
        {project.me.roles.includes('moderator') ? (
          <LinkRow
            label="管理这个项目"
            description="方案、备案、征集、选定、监督员、结项与评估"
            onPress={() => openPage(projectUrl('manage', project.id))}
          />
        ) : null}
        {can('approveFiling') ? (
          <LinkRow
            label="审核备案"
            description="这个项目正等待街道备案"
            onPress={() => openPage(projectUrl('filings'))}
          />
        ) : null}
        {PUBLIC.includes(project.status) ? (
          <LinkRow
            label="查看公示页"
            description="居民看到的项目公示"
            onPress={() => openPage(projectUrl('board', project.id))}
          />
        ) : null}
      </Section>

      {project.status === 'open_call' ? (
        <Section title="公开征集">
          <Fact label="申报截止" value={dayText(project.call.deadline)} />
          <Fact label="申报要求" value={project.call.requirements} />
          {can('apply') ? (
            <LinkRow
              label="提交申报"
              description="填写服务方案、团队和报价"
              highlight
              onPress={() => openPage(projectUrl('apply', project.id))}
            />
          ) : project.me.applied ? (
            <View className="project__muted">您的机构已申报，请等待社区选定结果。</View>
          ) : !project.call.accepting ? (
            <View className="project__muted">申报已截止，社区正在评选。</View>
          ) : null}
        </Section>
      ) : null}

      <Section title="项目方案">
        <ProjectFacts demand={project.demand} design={project.design} />
      </Section>

      {project.selection ? (
        <Section title="承接机构">
          <View className="project__big">{project.selection.organisation}</View>
          <Fact label="选定理由" value={project.selection.reason} />
          <Fact
            label="居民监督员"
            value={project.supervisors.length > 0 ? project.supervisors.map((s) => s.name).join('、') : '尚未聘请'}
          />
        </Section>
      ) : null}

      {mine.length > 0 ? (
        <Section title="我的申报">
          {mine.map((a) => (
            <View key={a.id} className="project__card">
              <View className="project__card-title">
                {a.organisation} · {a.statusLabel}
              </View>
              <View className="project__facts">
                <Fact label="报价" value={budgetText(a.budgetFen)} />
                <Fact label="服务方案" value={a.proposal} />
              </View>
              <ProjectPhotos files={a.attachments} />
            </View>
          ))}
        </Section>
      ) : null}

      {can('reportProgress') ? (
        <Section title="报告进展" description="写明做了什么、服务了多少人，附上现场照片。">
          <NoteComposer
            label="进展情况"
            placeholder="例如：本周送餐 150 份，新增服务老人 3 位"
            submitLabel="提交进展"
            onSubmit={async (form) => saved('进展已提交')(await reportProgress(project.id, form))}
          />
        </Section>
      ) : null}
      {can('supervise') ? (
        <Section title="记录监督意见" description="看到的情况、居民的反映、需要改进的地方。">
          <NoteComposer
            label="监督意见"
            placeholder="例如：抽查三户，送餐准时，饭菜温热"
            submitLabel="提交监督意见"
            onSubmit={async (form) => saved('已记录')(await addSupervisionNote(project.id, form))}
          />
        </Section>
      ) : null}

      {project.evaluation ? (
        <Section title="第三方评估">
          <View className="project__score">{project.evaluation.score}</View>
          <Fact label="评估机构" value={project.evaluation.evaluator} />
          <Fact label="评估结论" value={project.evaluation.summary} />
          <Fact label="评估报告" value={project.evaluation.report} />
        </Section>
      ) : null}

      <Section title="项目记录">
        <ProjectTimeline entries={project.timeline} empty="还没有记录。" />
      </Section>
    </PageLayout>
  );
}
