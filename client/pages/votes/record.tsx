import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { TextField } from '@/components/TextField';
import { ApiError } from '@/services/request';
import { choiceLabel, findReceipt, getVoteRecord, type RecordEntry, type VoteRecord } from '@/services/votes';
import './detail.css';

type Loaded = { kind: 'loading' } | { kind: 'ready'; record: VoteRecord } | { kind: 'failed'; message: string };
type Check = { kind: 'idle' } | { kind: 'checking' } | { kind: 'found'; entry: RecordEntry } | { kind: 'missing' };

function routeParams(): { id?: number; check: boolean } {
  const params = Taro.getCurrentInstance()?.router?.params ?? {};
  const id = Number(params.id);
  return { id: Number.isInteger(id) && id > 0 ? id : undefined, check: params.check === '1' };
}

/** 投票记录: the published ballots (no names), and finding one's own by receipt code. */
export default function VoteRecordPage() {
  const [{ id: voteId, check: checkFirst }] = useState(routeParams);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [code, setCode] = useState('');
  const [check, setCheck] = useState<Check>({ kind: 'idle' });

  const load = useCallback(async () => {
    if (voteId === undefined) {
      setLoaded({ kind: 'failed', message: '没有指定要查看的表决' });
      return;
    }
    setLoaded({ kind: 'loading' });
    try {
      setLoaded({ kind: 'ready', record: await getVoteRecord(voteId, { showErrorToast: false }) });
    } catch (error) {
      setLoaded({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' });
    }
  }, [voteId]);

  useEffect(() => {
    void load();
  }, [load]);

  const recordOptions = loaded.kind === 'ready' ? loaded.record.vote?.options : undefined;

  const verify = async () => {
    if (voteId === undefined || code.trim().length < 8) {
      void Taro.showToast({ title: '请输入完整的凭证码', icon: 'none' });
      return;
    }
    setCheck({ kind: 'checking' });
    try {
      const entry = await findReceipt(voteId, code);
      setCheck(entry ? { kind: 'found', entry } : { kind: 'missing' });
    } catch {
      setCheck({ kind: 'idle' });
    }
  };

  const checker = (
    <Section title="核对我的凭证" description="输入投票时得到的凭证码，查看您的那一票是否记录在内。">
      <TextField label="凭证码" value={code} onChange={setCode} placeholder="例如 7KQ2-M9XD-…" maxLength={40} />
      <ActionButton loading={check.kind === 'checking'} onClick={() => void verify()}>
        核对
      </ActionButton>
      {check.kind === 'found' ? (
        <Notice tone="success" title="找到了您的那一票" live="status">
          第 {check.entry.seq} 条记录，选择：{choiceLabel(check.entry.choice, recordOptions)}
        </Notice>
      ) : null}
      {check.kind === 'missing' ? (
        <Notice tone="warning" title="未找到" live="status">
          投票记录里没有这个凭证码。请检查是否抄写正确；如有疑问，请联系社区工作者。
        </Notice>
      ) : null}
    </Section>
  );

  const entries = loaded.kind === 'ready' ? loaded.record.entries : [];
  return (
    <PageLayout title="投票记录" intro="表决结束后公布的全部计入的选票，不含投票人姓名，按凭证的编码排列。">
      {checkFirst ? checker : null}
      {loaded.kind === 'loading' ? (
        <View className="vote-detail__muted" role="status">
          正在读取投票记录…
        </View>
      ) : null}
      {loaded.kind === 'failed' ? (
        <Notice tone="danger" title="投票记录没有读取成功" live="alert">
          {loaded.message}
        </Notice>
      ) : null}
      {loaded.kind === 'ready' ? (
        <Section title={`共 ${entries.length} 票`}>
          <View className="vote-record__list" role="list">
            {entries.map((entry) => (
              <View key={entry.seq} className="vote-record__row" role="listitem">
                <View className="vote-record__seq">第 {entry.seq} 条</View>
                <View className="vote-record__choice">{choiceLabel(entry.choice, recordOptions)}</View>
                <View className="vote-record__hash">{entry.receiptHash.slice(0, 12)}…</View>
              </View>
            ))}
          </View>
        </Section>
      ) : null}
      {checkFirst ? null : checker}
    </PageLayout>
  );
}
