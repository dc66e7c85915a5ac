import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { describeMoment } from '@/components/when';
import { ApiError } from '@/services/request';
import { currentCommunity, useSession } from '@/services/session';
import { confirmPaperBallot, listPaperBallots, type PaperBallotView, rejectPaperBallot } from '@/services/votes';
import './new.css';

function communityFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.community);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * 待确认纸质选票 (grid workers and moderators): paper ballots entered by a
 * colleague, to check against the paper and confirm (it counts then) or
 * return with a reason. One's own entries wait for someone else.
 */
export default function PaperConfirmPage() {
  const session = useSession();
  const [routeCommunity] = useState(communityFromRoute);
  const communityId = routeCommunity ?? currentCommunity(session)?.id;
  const [papers, setPapers] = useState<PaperBallotView[]>();
  const [failed, setFailed] = useState<string>();
  const [busy, setBusy] = useState<number>();
  const shown = useRef(false);

  const load = useCallback(async () => {
    if (communityId === undefined) return;
    try {
      setPapers(await listPaperBallots(communityId));
      setFailed(undefined);
    } catch (error) {
      setFailed(error instanceof ApiError ? error.message : '加载失败');
    }
  }, [communityId]);

  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    if (shown.current) void load();
    shown.current = true;
  });

  const confirm = async (paper: PaperBallotView) => {
    const sure = await Taro.showModal({
      title: '确认计票',
      content: `请核对纸质选票：${paper.voterName} 投“${paper.choiceText}”。确认后计入表决，不能撤回。`,
      confirmText: '确认计票',
      cancelText: '取消',
    });
    if (!sure.confirm) return;
    setBusy(paper.id);
    try {
      await confirmPaperBallot(paper.id);
      void Taro.showToast({ title: '已计入表决', icon: 'success' });
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(undefined);
      void load();
    }
  };

  const reject = async (paper: PaperBallotView) => {
    const answer = await Taro.showModal({
      title: '退回这张纸质选票',
      content: '',
      editable: true,
      placeholderText: '请写明原因，如：签名与本人不符',
      confirmText: '退回',
      cancelText: '取消',
    } as Taro.showModal.Option);
    if (!answer.confirm) return;
    const reason = ((answer as { content?: string }).content ?? '').trim();
    if (reason.length < 2) {
      void Taro.showToast({ title: '请写明退回原因', icon: 'none' });
      return;
    }
    setBusy(paper.id);
    try {
      await rejectPaperBallot(paper.id, reason);
      void Taro.showToast({ title: '已退回', icon: 'success' });
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(undefined);
      void load();
    }
  };

  return (
    <PageLayout
      title="待确认纸质选票"
      intro="纸质选票须由录入人以外的另一位工作人员核对确认后才计票。自己录入的选票请交给同事确认。"
    >
      {failed ? <Notice tone="danger" title={failed} /> : null}
      {!papers && !failed ? <View className="paper__muted">正在读取…</View> : null}
      {papers && papers.length === 0 ? <Notice tone="success" title="没有待确认的纸质选票" /> : null}
      <View className="paper__list" role="list">
        {(papers ?? []).map((paper) => (
          <View className="paper__card" role="listitem" key={paper.id}>
            <View className="paper__title">{paper.voteTitle}</View>
            <View className="paper__line">投票人：{paper.voterName}</View>
            {paper.voterUnits.length ? <View className="paper__line">房屋：{paper.voterUnits.join('；')}</View> : null}
            <View className="paper__line">选择：{paper.choiceText}</View>
            {paper.note ? <View className="paper__line">备注：{paper.note}</View> : null}
            <View className="paper__muted">
              {paper.enteredBy} 录入于 {describeMoment(paper.enteredAt)}
            </View>
            <View className="paper__actions">
              {paper.enteredByMe ? (
                <View className="paper__muted">这是您录入的，须由另一位工作人员确认。</View>
              ) : (
                <ActionButton loading={busy === paper.id} onClick={() => void confirm(paper)}>
                  核对无误，确认计票
                </ActionButton>
              )}
              <ActionButton variant="secondary" disabled={busy === paper.id} onClick={() => void reject(paper)}>
                退回
              </ActionButton>
            </View>
          </View>
        ))}
      </View>
    </PageLayout>
  );
}
