import { describePassingProgress, describeQuorumProgress, ownersProgress } from '@shared/votes/progress';
import type { OwnersTally } from '@shared/votes/tally';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { describeMoment } from '@/components/when';
import { openPage, PAGES } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import {
  castBallot,
  closeVote,
  electorateLabel,
  getVote,
  ruleText,
  VOTE_CHOICE_LABELS,
  type VoteChoice,
  type VoteView,
  voteRecordUrl,
  voteUnit,
} from '@/services/votes';
import './detail.css';

type Loaded = { kind: 'loading' } | { kind: 'ready'; vote: VoteView } | { kind: 'failed'; message: string };

const CHOICES: readonly VoteChoice[] = ['yes', 'no', 'abstain'];

function voteIdFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

interface GeneralTally {
  yes: number;
  no: number;
  abstain: number;
  passed: boolean;
  quorumMet?: boolean;
}

function isOwnersTally(result: Record<string, unknown> | null): result is Record<string, unknown> & OwnersTally {
  return Boolean(result && typeof result.entitled === 'object' && typeof result.yes === 'object');
}

function asGeneralTally(result: Record<string, unknown> | null): GeneralTally | undefined {
  if (!result || typeof result.yes !== 'number') return undefined;
  return result as unknown as GeneralTally;
}

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
  return Boolean(answer.confirm);
}

/** 表决详情: what is decided and by which rule, participation, casting with a receipt, the result. */
export default function VoteDetailPage() {
  const session = useSession();
  const [voteId] = useState(voteIdFromRoute);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [casting, setCasting] = useState<VoteChoice>();
  const [closing, setClosing] = useState(false);
  const [receipt, setReceipt] = useState<{ code: string; choice: VoteChoice }>();
  const shown = useRef(false);

  const load = useCallback(
    async (quiet = false) => {
      if (voteId === undefined) {
        setLoaded({ kind: 'failed', message: '没有指定要查看的表决' });
        return;
      }
      if (!quiet) setLoaded({ kind: 'loading' });
      try {
        setLoaded({ kind: 'ready', vote: await getVote(voteId, { showErrorToast: false }) });
      } catch (error) {
        if (!quiet) setLoaded({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' });
      }
    },
    [voteId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: signing in changes `me`: read again then.
  useEffect(() => {
    void load();
  }, [load, session.token]);

  useDidShow(() => {
    if (shown.current) void load(true);
    shown.current = true;
  });

  const vote = loaded.kind === 'ready' ? loaded.vote : undefined;
  if (!vote) {
    return (
      <PageLayout title="表决详情" intro="表决的内容、规则、参与情况和结果。">
        {loaded.kind === 'failed' ? (
          <Notice tone="danger" title="无法打开这项表决" live="alert">
            {loaded.message}
            <View className="vote-detail__action">
              <ActionButton variant="secondary" onClick={() => void load()}>
                重新加载
              </ActionButton>
            </View>
          </Notice>
        ) : (
          <View className="vote-detail__muted" role="status">
            正在读取表决…
          </View>
        )}
      </PageLayout>
    );
  }

  const signedIn = Boolean(session.token);
  const roles: readonly string[] = session.me?.communities.find((c) => c.id === vote.communityId)?.roles ?? [];
  const isModerator = roles.includes('moderator');
  const open = vote.status === 'open';
  const unit = voteUnit(vote.electorate);
  const owners = vote.electorate === 'owners' && isOwnersTally(vote.result) ? vote.result : undefined;
  const progress = owners ? ownersProgress(owners, vote.matter ?? 'ordinary') : undefined;
  const general = asGeneralTally(vote.result);
  const passed = owners?.passed ?? general?.passed;

  const cast = async (choice: VoteChoice) => {
    const label = VOTE_CHOICE_LABELS[choice];
    const sure = await confirm(
      `确认投“${label}”`,
      vote.allowChange ? `您将投“${label}”。截止前可以改投。` : `您将投“${label}”。投出后不能更改。`,
      `投${label}`,
    );
    if (!sure) return;
    setCasting(choice);
    try {
      const result = await castBallot(vote.id, choice);
      setReceipt({ code: result.receiptCode, choice });
      setLoaded({ kind: 'ready', vote: { ...vote, me: { ...vote.me, voted: true } } });
      void load(true);
    } catch (error) {
      // The message is toasted by the request module; 已投过票 or 已结束: read the vote again.
      if (error instanceof ApiError && ['CONFLICT', 'ILLEGAL_TRANSITION'].includes(String(error.code))) {
        void load(true);
      }
    } finally {
      setCasting(undefined);
    }
  };

  const close = async () => {
    if (!(await confirm('结束表决', '结束后不能再投票，结果和投票记录将公布。确定现在结束吗？', '结束表决'))) return;
    setClosing(true);
    try {
      await closeVote(vote.id);
      void Taro.showToast({ title: '表决已结束', icon: 'success' });
      await load(true);
    } catch {
      // Shown by the request module.
    } finally {
      setClosing(false);
    }
  };

  const copyReceipt = async (code: string) => {
    try {
      await Taro.setClipboardData({ data: code });
      void Taro.showToast({ title: '凭证码已复制', icon: 'none' });
    } catch {
      void Taro.showToast({ title: '复制没有成功，请抄下凭证码', icon: 'none' });
    }
  };

  const intro = `${open ? '进行中' : '已结束'} · ${open ? '截止时间' : '结束于'} ${describeMoment(vote.closedAt ?? vote.closesAt)}`;

  return (
    <PageLayout title={vote.title} intro={intro}>
      {receipt ? (
        <Notice tone="success" title="投票成功" live="status">
          <View className="vote-detail__receipt-label">
            您投了“{VOTE_CHOICE_LABELS[receipt.choice]}”。凭证码，请截图或抄下保存：
          </View>
          <View className="vote-detail__receipt-code" aria-label={`凭证码 ${receipt.code.split('').join(' ')}`}>
            {receipt.code}
          </View>
          <View className="vote-detail__muted">
            凭证码只显示这一次。表决结束后，可以用它在投票记录里找到自己的那一票。
          </View>
          <View className="vote-detail__action">
            <ActionButton variant="secondary" onClick={() => void copyReceipt(receipt.code)}>
              复制凭证码
            </ActionButton>
          </View>
        </Notice>
      ) : null}

      {!open ? (
        <Section title="表决结果">
          {passed === undefined ? (
            <View className="vote-detail__muted">结果正在整理。</View>
          ) : (
            <View
              className={passed ? 'vote-detail__verdict vote-detail__verdict--passed' : 'vote-detail__verdict'}
              role="status"
            >
              {passed ? '通过' : '未通过'}
            </View>
          )}
          {vote.me.voted ? <View className="vote-detail__muted">✓ 您参加了这项表决</View> : null}
          {general ? (
            <View className="vote-detail__line">
              同意 {general.yes} · 反对 {general.no} · 弃权 {general.abstain}
            </View>
          ) : null}
          {owners ? (
            <View className="vote-detail__line">
              同意的业主 {String(owners.yes.owners)} 户、{owners.yes.area} ㎡（参与{' '}
              {String(owners.participating.owners)} 户、
              {owners.participating.area} ㎡）
            </View>
          ) : null}
          <View className="vote-detail__action">
            <ActionButton variant="secondary" onClick={() => openPage(voteRecordUrl(vote.id))}>
              查看投票记录
            </ActionButton>
          </View>
          <View className="vote-detail__action">
            <ActionButton variant="secondary" onClick={() => openPage(voteRecordUrl(vote.id, true))}>
              核对我的凭证
            </ActionButton>
          </View>
        </Section>
      ) : null}

      <Section title="表决内容">
        {vote.description ? <View className="vote-detail__text">{vote.description}</View> : null}
        <View className="vote-detail__fact">
          <View className="vote-detail__fact-label">谁可以投</View>
          <View className="vote-detail__fact-value">{electorateLabel(vote.electorate)}</View>
        </View>
        <View className="vote-detail__fact">
          <View className="vote-detail__fact-label">通过规则</View>
          <View className="vote-detail__fact-value">{ruleText(vote)}</View>
        </View>
        <View className="vote-detail__fact">
          <View className="vote-detail__fact-label">投票方式</View>
          <View className="vote-detail__fact-value">
            {vote.secret ? '无记名（别人看不到您投了什么）' : '记名'}
            {vote.allowChange ? '，截止前可以改投' : ''}
          </View>
        </View>
      </Section>

      <Section title="参与情况">
        <View className="vote-detail__big">
          {vote.participation.voters} / {vote.participation.entitled} {unit}已投票
        </View>
        {vote.participation.area ? (
          <View className="vote-detail__line">参与投票的专有面积 {vote.participation.area} ㎡</View>
        ) : null}
        {progress && open ? (
          <>
            <View className="vote-detail__line">{describeQuorumProgress(progress)}</View>
            <View className="vote-detail__line">{describePassingProgress(progress)}</View>
          </>
        ) : null}
        {open && !vote.resultsLive ? <View className="vote-detail__muted">各选项的票数在表决结束后公布。</View> : null}
        {open && general && vote.resultsLive ? (
          <View className="vote-detail__line">
            目前：同意 {general.yes} · 反对 {general.no} · 弃权 {general.abstain}
          </View>
        ) : null}
      </Section>

      {open ? (
        <Section title="我的投票">
          {vote.me.voted && !receipt ? (
            <View className="vote-detail__done" role="status">
              ✓ 您已投票
            </View>
          ) : null}
          {vote.me.voted && receipt ? (
            <View className="vote-detail__done" role="status">
              ✓ 您已投票，凭证码见上方
            </View>
          ) : null}
          {!signedIn ? (
            <ActionButton variant="secondary" onClick={() => openPage(PAGES.login)}>
              登录后投票
            </ActionButton>
          ) : null}
          {signedIn && !vote.me.voted && !vote.me.eligible ? (
            <Notice tone="warning" title="您不能参加这项表决">
              {vote.me.reason ?? '您不在这项表决的投票范围内。'}
            </Notice>
          ) : null}
          {signedIn && vote.me.eligible && (!vote.me.voted || vote.allowChange) ? (
            <View className="vote-detail__choices" role="group" aria-label="投票选项">
              {vote.me.voted ? <View className="vote-detail__muted">截止前可以改投：</View> : null}
              {CHOICES.map((choice) => (
                <ActionButton
                  key={choice}
                  variant={choice === 'yes' ? 'primary' : 'secondary'}
                  loading={casting === choice}
                  disabled={casting !== undefined && casting !== choice}
                  onClick={() => void cast(choice)}
                >
                  {VOTE_CHOICE_LABELS[choice]}
                </ActionButton>
              ))}
            </View>
          ) : null}
        </Section>
      ) : null}

      {open && isModerator ? (
        <Section title="主持人操作" tone="danger" description="结束后不能再投票，结果和投票记录将公布。">
          <ActionButton variant="danger" loading={closing} onClick={() => void close()}>
            结束表决
          </ActionButton>
        </Section>
      ) : null}
    </PageLayout>
  );
}
