import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import {
  approveFiling,
  getProject,
  listPendingFilings,
  type ProjectSummary,
  type ProjectView,
  returnFiling,
  returnProblems,
} from '@/services/projects';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import { ProjectList } from './components/ProjectList';
import { Fact, ProjectFacts } from './components/ProjectParts';
import './components/project.css';
import { useShowAgain } from './components/useProject';

/** 项目备案审核 (sub-district admins): approve each community's project design, or return it with a reason. */
export default function ProjectFilingsPage() {
  const session = useSession();
  const [pending, setPending] = useState<ProjectSummary[]>();
  const [failed, setFailed] = useState<string>();
  const [open, setOpen] = useState<ProjectView>();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [saving, setSaving] = useState<'approve' | 'return'>();

  const load = useCallback(async () => {
    if (!session.token) return;
    setFailed(undefined);
    try {
      setPending(await listPendingFilings({ showErrorToast: false }));
    } catch (error) {
      setFailed(error instanceof ApiError ? error.message : '加载失败');
    }
  }, [session.token]);
  useEffect(() => {
    void load();
  }, [load]);
  useShowAgain(() => void load());

  const isAdmin = (session.me?.communities ?? []).some((c) => c.roles.includes('subdistrict_admin'));

  const choose = async (p: ProjectSummary) => {
    setNote('');
    setReason('');
    setReasonError(undefined);
    try {
      setOpen(await getProject(p.id));
    } catch {
      // Shown by the request module.
    }
  };

  const decide = async (approve: boolean) => {
    if (!open) return;
    if (!approve) {
      const problem = returnProblems(reason.trim()).reason;
      setReasonError(problem);
      if (problem) return;
    }
    setSaving(approve ? 'approve' : 'return');
    try {
      if (approve) await approveFiling(open.id, note.trim() || undefined);
      else await returnFiling(open.id, reason.trim());
      void Taro.showToast({ title: approve ? '已备案' : '已退回', icon: 'success' });
      setOpen(undefined);
      await load();
    } catch {
      // Shown by the request module.
    } finally {
      setSaving(undefined);
    }
  };

  if (open) {
    return (
      <PageLayout title="审核项目备案" intro={`${open.communityName}「${open.title}」`}>
        <Section title="项目方案">
          <ProjectFacts demand={open.demand} design={open.design} />
          <Fact label="上次退回原因" value={open.filing.returnReason} />
        </Section>
        <Section title="同意备案">
          <TextArea label="备案意见（可不填）" value={note} onChange={setNote} maxLength={500} rows={3} />
          <View className="project__actions">
            <ActionButton loading={saving === 'approve'} onClick={() => void decide(true)}>
              同意备案
            </ActionButton>
          </View>
        </Section>
        <Section title="退回修改">
          <TextArea
            label="退回原因"
            value={reason}
            onChange={setReason}
            placeholder="请写明需要修改的地方，社区会据此调整方案"
            maxLength={500}
            rows={3}
            error={reasonError}
          />
          <View className="project__actions">
            <ActionButton variant="danger" loading={saving === 'return'} onClick={() => void decide(false)}>
              退回修改
            </ActionButton>
            <ActionButton variant="secondary" onClick={() => setOpen(undefined)}>
              返回列表
            </ActionButton>
          </View>
        </Section>
      </PageLayout>
    );
  }

  return (
    <PageLayout title="项目备案审核" intro="各社区报来的三社联动项目方案，请审核后同意备案或退回修改。">
      {!isAdmin ? (
        <Notice tone="warning" title="只有街道管理员可以审核项目备案" />
      ) : failed ? (
        <Notice tone="danger" title="无法读取" live="alert">
          {failed}
        </Notice>
      ) : (
        <Section title="待备案">
          {pending === undefined ? (
            <View className="project__muted" role="status">
              正在读取…
            </View>
          ) : (
            <ProjectList projects={pending} empty="没有等待备案的项目。" onOpen={(p) => void choose(p)} showCommunity />
          )}
        </Section>
      )}
    </PageLayout>
  );
}
