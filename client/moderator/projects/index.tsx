import { View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { FilterChips } from '@/components/FilterChips';
import { Section } from '@/components/Section';
import { ProjectList } from '@/pages/projects/components/ProjectList';
import { openPage } from '@/services/navigation';
import { listCommunityProjects, type ProjectStatus, type ProjectSummary, projectUrl } from '@/services/projects';
import { ModeratorGate } from '../components/ModeratorGate';
import '@/pages/projects/components/project.css';
import { useShowAgain } from '@/pages/projects/components/useProject';

type Filter = 'all' | ProjectStatus;
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'demand', label: '需求' },
  { value: 'designing', label: '方案设计' },
  { value: 'returned', label: '被退回' },
  { value: 'filed', label: '待备案' },
  { value: 'approved', label: '已备案' },
  { value: 'open_call', label: '征集中' },
  { value: 'in_progress', label: '实施中' },
  { value: 'completed', label: '已结项' },
  { value: 'evaluated', label: '已评估' },
];

function CommunityProjects({ communityId }: { communityId: number }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [projects, setProjects] = useState<ProjectSummary[]>();
  const load = useCallback(async () => {
    try {
      setProjects(await listCommunityProjects(communityId, filter === 'all' ? undefined : filter));
    } catch {
      setProjects([]);
    }
  }, [communityId, filter]);
  useEffect(() => {
    void load();
  }, [load]);
  useShowAgain(() => void load());
  return (
    <>
      <View className="project__actions">
        <ActionButton onClick={() => openPage(`${projectUrl('create')}?communityId=${communityId}`)}>
          提出新项目
        </ActionButton>
      </View>
      <Section title="社区的项目">
        <FilterChips label="按状态查看" chips={FILTERS} value={filter} onChange={setFilter} />
        {projects ? (
          <ProjectList
            projects={projects}
            empty="没有这个状态的项目。"
            onOpen={(p) => openPage(projectUrl('manage', p.id))}
          />
        ) : (
          <View className="project__muted" role="status">
            正在读取…
          </View>
        )}
      </Section>
    </>
  );
}

/** 三社联动项目 (moderators): every project of the community by status, and a new one. */
export default function ModeratorProjectsPage() {
  return (
    <ModeratorGate
      title="三社联动项目"
      intro="从需求、方案、街道备案、公开征集到实施监督和第三方评估。"
      showBackToWorkbench
    >
      {({ community }) => <CommunityProjects communityId={community.id} />}
    </ModeratorGate>
  );
}
