import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton';
import { LinkRow } from '@/components/LinkRow';
import { Notice } from '@/components/Notice';
import { Section } from '@/components/Section';
import { LoadState } from '@/pages/projects/components/LoadState';
import { NoteComposer } from '@/pages/projects/components/NoteComposer';
import { Fact, ProjectFacts, ProjectStatusTag, ProjectTimeline } from '@/pages/projects/components/ProjectParts';
import { useProject } from '@/pages/projects/components/useProject';
import { openPage } from '@/services/navigation';
import {
  addSupervisionNote,
  appointSupervisors,
  cancelProblems,
  cancelProject,
  completeProblems,
  completeProject,
  dayText,
  designProject,
  getProject,
  openCall,
  type ProjectView,
  projectUrl,
  recordEvaluation,
  selectApplication,
  submitFiling,
} from '@/services/projects';
import { ModeratorGate } from '../components/ModeratorGate';
import { CallForm } from './forms/CallForm';
import { DesignForm } from './forms/DesignForm';
import { EvaluationForm } from './forms/EvaluationForm';
import { ReasonAction } from './forms/ReasonAction';
import { SelectForm } from './forms/SelectForm';
import { SupervisorPicker } from './forms/SupervisorPicker';
import '@/pages/projects/components/project.css';

const fetchProject = (id: number) => getProject(id, { showErrorToast: false });

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
  return Boolean(answer.confirm);
}

/** Each step of the workflow the project's state allows, in the order a moderator meets them. */
function Workflow({
  project,
  onChanged,
}: {
  project: ProjectView;
  onChanged: (p: ProjectView, toast: string) => void;
}) {
  const can = (a: ProjectView['me']['actions'][number]) => project.me.actions.includes(a);
  const id = project.id;
  const done = (toast: string) => (p: ProjectView) => onChanged(p, toast);
  return (
    <>
      <Section title="项目状态">
        <ProjectStatusTag status={project.status} />
        {project.status === 'returned' && project.filing.returnReason ? (
          <Notice tone="warning" title="街道退回修改">
            {project.filing.returnReason}
          </Notice>
        ) : null}
        {project.status === 'filed' ? <Notice tone="info" title="已报街道备案，等待街道审核" /> : null}
        {project.status === 'cancelled' ? (
          <Notice tone="warning" title={`项目已取消：${project.cancelReason ?? ''}`} />
        ) : null}
        {project.topic ? (
          <LinkRow
            label="来源议题"
            value={project.topic.title}
            onPress={() => openPage(`/pages/topics/detail?id=${project.topic!.id}`)}
          />
        ) : null}
        {['open_call', 'in_progress', 'completed', 'evaluated'].includes(project.status) ? (
          <LinkRow
            label="查看公示页"
            description="居民看到的项目公示"
            onPress={() => openPage(projectUrl('board', id))}
          />
        ) : null}
      </Section>

      {can('design') ? (
        <Section title="项目方案" description="方案写好后报街道备案；被退回时按意见修改再报。">
          <DesignForm
            design={project.design}
            onSave={async (form) => done('方案已保存')(await designProject(id, form))}
          />
        </Section>
      ) : (
        <Section title="项目方案">
          <ProjectFacts demand={project.demand} design={project.design} />
        </Section>
      )}

      {can('submitFiling') ? (
        <Section title="报街道备案" description="街道同意备案后才能公开征集承接机构。">
          <ActionButton
            onClick={async () => {
              if (!(await confirm('报街道备案', '报备后方案不能再修改，除非街道退回。', '确认报备'))) return;
              try {
                done('已报备案')(await submitFiling(id));
              } catch {
                // Shown by the request module.
              }
            }}
          >
            报街道备案
          </ActionButton>
        </Section>
      ) : null}

      {project.status === 'approved' && can('openCall') ? (
        <Section title="发布公开征集" description="本街道的社会组织都会收到通知，居民也能在公示页看到。">
          <CallForm
            button="发布征集"
            onOpen={async (deadline, req) => done('征集已发布')(await openCall(id, deadline, req))}
          />
        </Section>
      ) : null}

      {project.status === 'open_call' ? (
        <Section
          title={`申报情况（${project.applicationCount} 份）`}
          description={
            project.call.accepting
              ? `征集 ${dayText(project.call.deadline)} 截止，截止后才能选定承接机构。`
              : '征集已截止，请选定一家承接机构并写明理由。'
          }
        >
          <SelectForm
            applications={project.applications}
            canSelect={can('select')}
            onSelect={async (applicationId, reason) =>
              done('已选定')(await selectApplication(id, applicationId, reason))
            }
          />
        </Section>
      ) : null}
      {project.status === 'open_call' && can('openCall') ? (
        <Section title="调整截止日期" description="没有合适的申报时，可以延长征集。">
          <CallForm
            button="更新截止日期"
            initialDeadline={project.call.deadline}
            onOpen={async (deadline, req) => done('已更新')(await openCall(id, deadline, req))}
          />
        </Section>
      ) : null}

      {project.selection ? (
        <Section title="承接机构">
          <View className="project__big">{project.selection.organisation}</View>
          <Fact label="选定理由" value={project.selection.reason} />
        </Section>
      ) : null}

      {can('appointSupervisors') ? (
        <Section title="居民监督员" description="从已认证居民中聘请 1 至 5 名，他们可以随时记录监督意见。">
          <SupervisorPicker
            communityId={project.communityId}
            current={project.supervisors.map((s) => s.userId)}
            onAppoint={async (userIds) => done('已聘请')(await appointSupervisors(id, userIds))}
          />
        </Section>
      ) : project.supervisors.length > 0 ? (
        <Section title="居民监督员">
          <View className="project__text">{project.supervisors.map((s) => s.name).join('、')}</View>
        </Section>
      ) : null}

      {can('supervise') ? (
        <Section title="记录监督意见">
          <NoteComposer
            label="监督意见"
            placeholder="检查了什么、发现了什么、要求怎么改"
            submitLabel="提交监督意见"
            onSubmit={async (form) => done('已记录')(await addSupervisionNote(id, form))}
          />
        </Section>
      ) : null}

      {can('complete') ? (
        <Section title="项目结项" description="服务全部完成后结项，再录入第三方评估结果。">
          <ReasonAction
            label="结项情况"
            placeholder="完成了哪些服务、服务了多少人、经费使用情况"
            button="确认结项"
            check={(t) => completeProblems(t).summary}
            onSubmit={async (summary) => done('已结项')(await completeProject(id, summary))}
          />
        </Section>
      ) : null}

      {can('evaluate') ? (
        <Section title="录入第三方评估" description="评估得分和结论会在公示页公开。">
          <EvaluationForm onSave={async (form) => done('评估已录入')(await recordEvaluation(id, form))} />
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

      {can('cancel') ? (
        <Section title="取消项目" tone="danger" description="取消后不能恢复；已申报的机构会收到通知。">
          <ReasonAction
            label="取消原因"
            button="取消项目"
            variant="danger"
            check={(t) => cancelProblems(t).reason}
            onSubmit={async (reason) => done('已取消')(await cancelProject(id, reason))}
          />
        </Section>
      ) : null}
    </>
  );
}

function ManageProject() {
  const { loaded, reload, replace } = useProject(fetchProject);
  if (loaded.kind !== 'ready') return <LoadState loaded={loaded} what="这个项目" onRetry={() => void reload()} />;
  const project = loaded.value;
  if (!project.me.roles.includes('moderator')) {
    return <Notice tone="warning" title="只有本社区的社区工作者可以管理这个项目" />;
  }
  return (
    <>
      <View className="project__big">{project.title}</View>
      <Workflow
        project={project}
        onChanged={(next, toast) => {
          replace(next);
          void Taro.showToast({ title: toast, icon: 'success' });
        }}
      />
    </>
  );
}

/** 项目管理 (moderators): the whole workflow of one project. */
export default function ManageProjectPage() {
  return (
    <ModeratorGate title="项目管理" intro="方案、备案、征集、选定、监督、结项和评估，一步步完成。" showBackToWorkbench>
      {() => <ManageProject />}
    </ModeratorGate>
  );
}
