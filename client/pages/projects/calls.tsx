import { View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { LinkRow } from '@/components/LinkRow';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { openPage } from '@/services/navigation';
import {
  budgetText,
  dayText,
  listMyApplications,
  listOpenCalls,
  type MyApplication,
  type OpenCallSummary,
  projectUrl,
} from '@/services/projects';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import './components/project.css';
import { useShowAgain } from './components/useProject';

/** 项目征集 (social organisations): calls open to them, and how their applications stand. */
export default function ProjectCallsPage() {
  const session = useSession();
  const [calls, setCalls] = useState<OpenCallSummary[]>();
  const [mine, setMine] = useState<MyApplication[]>();
  const [failed, setFailed] = useState<string>();

  const load = useCallback(async () => {
    if (!session.token) return;
    setFailed(undefined);
    try {
      const [open, applications] = await Promise.all([
        listOpenCalls({ showErrorToast: false }),
        listMyApplications({ showErrorToast: false }),
      ]);
      setCalls(open);
      setMine(applications);
    } catch (error) {
      setFailed(error instanceof ApiError ? error.message : '加载失败');
    }
  }, [session.token]);

  useEffect(() => {
    void load();
  }, [load]);
  useShowAgain(() => void load());

  const isOrg = (session.me?.communities ?? []).some((c) => c.roles.includes('social_org'));

  return (
    <PageLayout title="项目征集与申报" intro="社区发布的三社联动服务项目，本街道的社会组织可以申报承接。">
      {!session.token ? (
        <Notice tone="info" title="请先登录">
          登录后可以查看征集中的项目。
        </Notice>
      ) : failed ? (
        <Notice tone="danger" title="无法读取" live="alert">
          {failed}
        </Notice>
      ) : (
        <>
          {!isOrg ? (
            <Notice tone="info" title="只有社会组织可以申报">
              如果您代表社会组织，请联系社区工作者登记机构身份。
            </Notice>
          ) : null}
          <Section title="正在征集">
            {calls === undefined ? (
              <View className="project__muted" role="status">
                正在读取…
              </View>
            ) : calls.length === 0 ? (
              <View className="project__muted">目前没有正在征集的项目。</View>
            ) : (
              calls.map((c) => (
                <LinkRow
                  key={c.id}
                  label={`${c.communityName}：${c.title}`}
                  description={`预算 ${budgetText(c.budgetFen)} · ${dayText(c.callDeadline)}截止${c.applied ? ' · 已申报' : ''}`}
                  highlight={!c.applied}
                  value={c.applied ? '已申报' : '去申报'}
                  onPress={() => openPage(c.applied ? projectUrl('detail', c.id) : projectUrl('apply', c.id))}
                />
              ))
            )}
          </Section>
          <Section title="我的申报">
            {mine === undefined ? null : mine.length === 0 ? (
              <View className="project__muted">还没有申报过项目。</View>
            ) : (
              mine.map((a) => (
                <LinkRow
                  key={a.id}
                  label={a.projectTitle}
                  description={`${a.communityName} · 报价 ${budgetText(a.budgetFen)} · 项目${a.projectStatusLabel}`}
                  value={a.statusLabel}
                  highlight={a.status === 'selected'}
                  onPress={() => openPage(projectUrl('detail', a.projectId))}
                />
              ))
            )}
          </Section>
        </>
      )}
    </PageLayout>
  );
}
