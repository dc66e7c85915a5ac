import { View } from '@tarojs/components';
import { LinkRow } from '@/components/LinkRow';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { describeMoment } from '@/components/when';
import { openPage } from '@/services/navigation';
import { dayText, getProjectBoard } from '@/services/projects';
import { LoadState } from './components/LoadState';
import { Fact, ProjectFacts, ProjectPhotos, ProjectStatusTag, ProjectTimeline } from './components/ProjectParts';
import { useProject } from './components/useProject';
import './components/project.css';

const fetchBoard = (id: number) => getProjectBoard(id, { showErrorToast: false });

/**
 * 项目公示 (public, no sign-in): what the project is for, its budget, who
 * carries it out, its progress and the third-party evaluation. People are
 * shown by masked name only.
 */
export default function ProjectBoardPage() {
  const { loaded, reload } = useProject(fetchBoard);
  const board = loaded.kind === 'ready' ? loaded.value : undefined;
  if (!board) {
    return (
      <PageLayout title="项目公示" intro="三社联动服务项目的目标、预算、承接机构、进展和评估结果。">
        <LoadState loaded={loaded} what="这个项目" onRetry={() => void reload()} />
      </PageLayout>
    );
  }
  return (
    <PageLayout title={board.title} intro={`${board.communityName} · 三社联动服务项目公示`}>
      <Section title="项目状态">
        <ProjectStatusTag status={board.status} />
        {board.status === 'open_call' && board.callDeadline ? (
          <Notice tone="info" title={`正在公开征集承接机构，${dayText(board.callDeadline)}截止`}>
            已收到 {board.applicationCount} 份申报。
          </Notice>
        ) : null}
        {board.topic ? (
          <LinkRow
            label="来源议题"
            value={board.topic.title}
            onPress={() => openPage(`/pages/topics/detail?id=${board.topic!.id}`)}
          />
        ) : null}
      </Section>
      {board.evaluation ? (
        <Section title="第三方评估结果">
          <View className="project__score" aria-label={`评估得分 ${board.evaluation.score} 分`}>
            {board.evaluation.score}
            <View className="project__muted">分（满分 100）</View>
          </View>
          <Fact label="评估机构" value={board.evaluation.evaluator} />
          <Fact label="评估结论" value={board.evaluation.summary} />
          <Fact label="录入时间" value={describeMoment(board.evaluation.recordedAt)} />
          {board.evaluation.attachment ? <ProjectPhotos files={[board.evaluation.attachment]} /> : null}
        </Section>
      ) : null}
      <Section title="项目方案">
        <ProjectFacts demand={board.demand} design={board} />
      </Section>
      {board.organisation ? (
        <Section title="承接机构">
          <View className="project__big">{board.organisation}</View>
          <Fact label="选定理由" value={board.selectionReason} />
          <Fact label="共收到申报" value={`${board.applicationCount} 份`} />
          <Fact label="居民监督员" value={board.supervisors.length > 0 ? board.supervisors.join('、') : null} />
        </Section>
      ) : null}
      {board.completionSummary ? (
        <Section title="结项情况">
          <View className="project__text">{board.completionSummary}</View>
        </Section>
      ) : null}
      <Section title="进展与监督">
        <ProjectTimeline entries={board.progress} empty="项目开始实施后，进展和监督记录会显示在这里。" />
      </Section>
    </PageLayout>
  );
}
