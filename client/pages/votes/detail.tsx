import { describePassingProgress, describeQuorumProgress, ownersProgress } from '@shared/votes/progress';
import type { OwnersTally } from '@shared/votes/tally';
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { describeMoment } from '@/components/when';
import { openPage, PAGES } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import {
  type BallotAnswer,
  castBallot,
  choiceHint,
  closeVote,
  electorateLabel,
  getVote,
  isChoiceVote,
  type OptionTally,
  optionTallies,
  paperConfirmUrl,
  paperEntryUrl,
  ruleText,
  selectionIssue,
  selectionText,
  toggleOption,
  VOTE_CHOICE_LABELS,
  VOTE_METHOD_LABELS,
  type VoteChoice,
  type VoteView,
  voteRecordUrl,
  voteUnit,
} from '@/services/votes';
import { OptionPicker } from './OptionPicker';
import { ProxyPanel } from './ProxyPanel';
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
  const [casting, setCasting] = useState<VoteChoice | 'options'>();
  const [closing, setClosing] = useState(false);
  const [receipt, setReceipt] = useState<{ code: string; text: string }>();
  const [selected, setSelected] = useState<number[]>([]);
  const [unitId, setUnitId] = useState<number>();
  const [proxyId, setProxyId] = useState<number>();
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
  const isClerk = isModerator || roles.includes('grid_worker');
  const choiceVote = isChoiceVote(vote);
  const tallies = optionTallies(vote.result);
  const openUnits = vote.me.units.filter((u) => !u.voted);
  const chosenUnit = unitId ?? (openUnits.length === 1 ? openUnits[0]?.unitId : undefined);
  const proxyFor = vote.me.proxyFor.find((p) => p.proxyId === proxyId);
  const needsUnit = proxyId === undefined && vote.me.units.length > 1 && chosenUnit === undefined;
  const open = vote.status === 'open';
  const unit = voteUnit(vote.electorate);
  const owners = vote.electorate === 'owners' && isOwnersTally(vote.result) ? vote.result : undefined;
  const progress = owners ? ownersProgress(owners, vote.matter ?? 'ordinary') : undefined;
  const general = asGeneralTally(vote.result);
  const passed = owners?.passed ?? general?.passed ?? (tallies ? vote.result?.passed === true : undefined);

  const cast = async (answer: BallotAnswer) => {
    if (needsUnit) {
      void Taro.showToast({ title: '请先选择为哪一户投票', icon: 'none' });
      return;
    }
    const text = 'choice' in answer ? VOTE_CHOICE_LABELS[answer.choice] : selectionText(vote, answer.options);
    const forWhom = proxyFor ? `您将代 ${proxyFor.voterName} 投票：` : '您将投';
    const unitLabel = proxyId === undefined ? vote.me.units.find((u) => u.unitId === chosenUnit)?.label : undefined;
    const sure = await confirm(
      'choice' in answer ? `确认投“${text}”` : '确认投出选票',
      `${forWhom}“${text}”${unitLabel ? `（${unitLabel}）` : ''}。${vote.allowChange ? '截止前可以改投。' : '投出后不能更改。'}`,
      'choice' in answer ? `投${text}` : '投出选票',
    );
    if (!sure) return;
    setCasting('choice' in answer ? answer.choice : 'options');
    try {
      const result = await castBallot(vote.id, answer, {
        ...(proxyId !== undefined ? { proxyId } : chosenUnit !== undefined ? { unitId: chosenUnit } : {}),
      });
      setReceipt({ code: result.receiptCode, text: proxyFor ? `${text}（代 ${proxyFor.voterName} 投票）` : text });
      setSelected([]);
      setUnitId(undefined);
      setProxyId(undefined);
      if (!proxyFor && vote.me.units.length <= 1) {
        setLoaded({ kind: 'ready', vote: { ...vote, me: { ...vote.me, voted: true } } });
      }
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
          <View className="vote-detail__receipt-label">您投了“{receipt.text}”。凭证码，请截图或抄下保存：</View>
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
              {tallies ? choiceVerdict(vote.method, tallies) : passed ? '通过' : '未通过'}
            </View>
          )}
          {vote.me.voted ? <View className="vote-detail__muted">✓ 您参加了这项表决</View> : null}
          {general ? (
            <View className="vote-detail__line">
              同意 {general.yes} · 反对 {general.no} · 弃权 {general.abstain}
            </View>
          ) : null}
          {tallies ? <OptionTallyList tallies={tallies} method={vote.method} /> : null}
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
        {choiceVote ? (
          <View className="vote-detail__fact">
            <View className="vote-detail__fact-label">表决方式</View>
            <View className="vote-detail__fact-value">
              {VOTE_METHOD_LABELS[vote.method]} · {choiceHint(vote)}
            </View>
          </View>
        ) : null}
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
        {open && tallies && vote.resultsLive ? <OptionTallyList tallies={tallies} method={vote.method} /> : null}
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
          {signedIn && !vote.me.voted && !vote.me.eligible && vote.me.proxyFor.length === 0 ? (
            <Notice tone="warning" title="您不能参加这项表决">
              {vote.me.reason ?? '您不在这项表决的投票范围内。'}
            </Notice>
          ) : null}
          {signedIn && proxyId === undefined && vote.me.eligible && openUnits.length > 1 ? (
            <ChoiceList
              label="为哪一户投票"
              showLabel
              choices={vote.me.units.map((u) => ({
                value: u.unitId,
                label: u.label,
                description: u.voted ? '这一户已投票' : undefined,
              }))}
              value={chosenUnit}
              onChange={setUnitId}
            />
          ) : null}
          {proxyFor ? (
            <View className="vote-detail__proxy-for" role="status">
              正在代 {proxyFor.voterName} 投票
              <View className="vote-detail__action">
                <ActionButton variant="secondary" onClick={() => setProxyId(undefined)}>
                  不代投了
                </ActionButton>
              </View>
            </View>
          ) : null}
          {signedIn &&
          (proxyFor !== undefined ||
            (vote.me.eligible &&
              (!vote.me.voted || vote.allowChange || openUnits.length > 0) &&
              !(vote.me.myProxy?.status === 'active'))) ? (
            <View className="vote-detail__choices" role="group" aria-label="投票选项">
              {vote.me.voted && !proxyFor && vote.allowChange ? (
                <View className="vote-detail__muted">截止前可以改投：</View>
              ) : null}
              {choiceVote ? (
                <>
                  <View className="vote-detail__muted">{choiceHint(vote)}</View>
                  <OptionPicker
                    vote={vote}
                    selected={selected}
                    disabled={casting !== undefined}
                    onToggle={(position) => {
                      const next = toggleOption(vote, selected, position);
                      if (next.refused) void Taro.showToast({ title: next.refused, icon: 'none' });
                      setSelected(next.selected);
                    }}
                  />
                  <ActionButton
                    loading={casting === 'options'}
                    disabled={selectionIssue(vote, selected) !== undefined}
                    onClick={() => void cast({ options: selected })}
                  >
                    投出选票
                  </ActionButton>
                </>
              ) : (
                CHOICES.map((choice) => (
                  <ActionButton
                    key={choice}
                    variant={choice === 'yes' ? 'primary' : 'secondary'}
                    loading={casting === choice}
                    disabled={casting !== undefined && casting !== choice}
                    onClick={() => void cast({ choice })}
                  >
                    {VOTE_CHOICE_LABELS[choice]}
                  </ActionButton>
                ))
              )}
            </View>
          ) : null}
          {signedIn && proxyId === undefined
            ? vote.me.proxyFor
                .filter((p) => !p.voted)
                .map((p) => (
                  <View className="vote-detail__action" key={p.proxyId}>
                    <ActionButton variant="secondary" onClick={() => setProxyId(p.proxyId)}>
                      代 {p.voterName} 投票
                    </ActionButton>
                  </View>
                ))
            : null}
          {signedIn && proxyId === undefined ? (
            <ProxyPanel vote={vote} unitId={chosenUnit} onChanged={() => void load(true)} />
          ) : null}
        </Section>
      ) : null}

      {open && isClerk ? (
        <Section title="纸质选票" description="为没有智能手机的居民录入纸质选票，须由另一位工作人员确认后才计票。">
          <View className="vote-detail__action">
            <ActionButton variant="secondary" onClick={() => openPage(paperEntryUrl(vote.id))}>
              录入纸质选票
            </ActionButton>
          </View>
          <View className="vote-detail__action">
            <ActionButton variant="secondary" onClick={() => openPage(paperConfirmUrl(vote.communityId))}>
              待确认的纸质选票
            </ActionButton>
          </View>
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

/** Each option's votes (and area, for owners' elections), the chosen ones marked. */
function OptionTallyList({ tallies, method }: { tallies: OptionTally[]; method: VoteView['method'] }) {
  const mark = method === 'election' ? '当选' : method === 'single' ? '胜出' : '通过';
  return (
    <View className="vote-tally" role="list" aria-label="各选项得票">
      {tallies.map((t) => (
        <View
          key={t.position}
          role="listitem"
          className={t.chosen ? 'vote-tally__row vote-tally__row--chosen' : 'vote-tally__row'}
        >
          <View>
            {t.label}
            {t.chosen ? `（${mark}）` : t.tied ? '（票数相同，待定）' : ''}
          </View>
          <View>
            {t.votes} 票{t.area ? ` · ${t.area} ㎡` : ''}
          </View>
        </View>
      ))}
    </View>
  );
}

/** The outcome of a choice vote in a sentence: 当选：张三、李四 / 没有选项达到通过条件. */
function choiceVerdict(method: VoteView['method'], tallies: OptionTally[]): string {
  const chosen = tallies.filter((t) => t.chosen).map((t) => t.label);
  if (chosen.length === 0) return method === 'election' ? '没有候选人当选' : '没有选项达到通过条件';
  const word = method === 'election' ? '当选' : method === 'single' ? '胜出' : '通过';
  return `${word}：${chosen.join('、')}`;
}
