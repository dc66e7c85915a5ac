import { View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { FilterChips } from '@/components/FilterChips';
import { LinkRow } from '@/components/LinkRow';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { openPage } from '@/services/navigation';
import { listCommunityProjects, type ProjectStatus, type ProjectSummary, projectUrl } from '@/services/projects';
import { ApiError } from '@/services/request';
import { currentCommunity, useSession } from '@/services/session';
import { ProjectList } from './components/ProjectList';
import './components/project.css';

type Filter = 'all' | 'open_call' | 'in_progress' | 'evaluated';

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open_call', label: '征集中' },
  { value: 'in_progress', label: '实施中' },
  { value: 'evaluated', label: '已评估' },
];

/** 三社联动项目: the community's projects, by status; each opens its public board. */
export default function ProjectsPage() {
  const session = useSession();
  const community = currentCommunity(session);
  const roles: readonly string[] = community?.roles ?? [];
  const [filter, setFilter] = useState<Filter>('all');
  const [projects, setProjects] = useState<ProjectSummary[]>();
  const [failed, setFailed] = useState<string>();

  const load = useCallback(async () => {
    if (!community) return;
    setFailed(undefined);
    try {
      const status = filter === 'all' ? undefined : (filter as ProjectStatus);
      setProjects(await listCommunityProjects(community.id, status, { showErrorToast: false }));
    } catch (error) {
      setFailed(error instanceof ApiError ? error.message : '加载失败');
    }
  }, [community, filter]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <PageLayout
      title="三社联动项目"
      intro="社区、社会组织和社工一起为居民办实事。点开项目可以看到预算、承接机构、进展和评估结果。"
    >
      {roles.includes('moderator') || roles.includes('subdistrict_admin') || roles.includes('social_org') ? (
        <Section title="我的工作">
          {roles.includes('moderator') ? (
            <LinkRow
              label="管理社区项目"
              description="提出需求、编制方案、报备案、征集、评估"
              onPress={() => openPage(projectUrl('manageList'))}
            />
          ) : null}
          {roles.includes('subdistrict_admin') ? (
            <LinkRow
              label="项目备案审核"
              description="审核各社区报来的项目方案"
              onPress={() => openPage(projectUrl('filings'))}
            />
          ) : null}
          {roles.includes('social_org') ? (
            <LinkRow
              label="项目征集与申报"
              description="查看正在征集的项目，提交申报"
              onPress={() => openPage(projectUrl('calls'))}
            />
          ) : null}
        </Section>
      ) : null}
      <Section title={community ? `${community.name}的项目` : '社区项目'}>
        <FilterChips label="按状态查看" chips={FILTERS} value={filter} onChange={setFilter} />
        {!community ? (
          <View className="project__muted">加入社区后可以查看本社区的项目。</View>
        ) : failed ? (
          <Notice tone="danger" title="无法读取项目" live="alert">
            {failed}
          </Notice>
        ) : projects ? (
          <ProjectList
            projects={projects}
            empty="还没有这类项目。"
            onOpen={(p) =>
              openPage(roles.includes('moderator') ? projectUrl('manage', p.id) : projectUrl('board', p.id))
            }
          />
        ) : (
          <View className="project__muted" role="status">
            正在读取项目…
          </View>
        )}
      </Section>
    </PageLayout>
  );
}
