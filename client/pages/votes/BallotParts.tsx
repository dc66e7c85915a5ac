import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import type { OptionTally, VoteView } from '@/services/votes';
import './detail.css';

/**
 * Pieces of the ballot UI shared by the vote page and the live meeting's vote
 * panel: the receipt shown once after casting, a choice vote's option counts,
 * and reading a yes/no/abstain result.
 */

export interface GeneralTally {
  yes: number;
  no: number;
  abstain: number;
  passed: boolean;
  quorumMet?: boolean;
}

/** The yes/no/abstain counts of a result, or undefined when it is of another shape (owners, options) or hidden. */
export function asGeneralTally(result: Record<string, unknown> | null): GeneralTally | undefined {
  if (!result || typeof result.yes !== 'number') return undefined;
  return result as unknown as GeneralTally;
}

async function copyReceipt(code: string) {
  try {
    await Taro.setClipboardData({ data: code });
    void Taro.showToast({ title: '凭证码已复制', icon: 'none' });
  } catch {
    void Taro.showToast({ title: '复制没有成功，请抄下凭证码', icon: 'none' });
  }
}

/** 投票成功: what was cast and the receipt code, shown only this once, with a copy button. */
export function ReceiptNotice({ code, text }: { code: string; text: string }) {
  return (
    <Notice tone="success" title="投票成功" live="status">
      <View className="vote-detail__receipt-label">您投了“{text}”。凭证码，请截图或抄下保存：</View>
      <View className="vote-detail__receipt-code" aria-label={`凭证码 ${code.split('').join(' ')}`}>
        {code}
      </View>
      <View className="vote-detail__muted">凭证码只显示这一次。表决结束后，可以用它在投票记录里找到自己的那一票。</View>
      <View className="vote-detail__action">
        <ActionButton variant="secondary" onClick={() => void copyReceipt(code)}>
          复制凭证码
        </ActionButton>
      </View>
    </Notice>
  );
}

/** Each option's votes (and area, for owners' elections), the chosen ones marked. */
export function OptionTallyList({ tallies, method }: { tallies: OptionTally[]; method: VoteView['method'] }) {
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
export function choiceVerdict(method: VoteView['method'], tallies: OptionTally[]): string {
  const chosen = tallies.filter((t) => t.chosen).map((t) => t.label);
  if (chosen.length === 0) return method === 'election' ? '没有候选人当选' : '没有选项达到通过条件';
  const word = method === 'election' ? '当选' : method === 'single' ? '胜出' : '通过';
  return `${word}：${chosen.join('、')}`;
}
