import type { Logger } from 'pino';
import type { WechatClient } from '../wechat/wechat.client';

/** pass: publish; review: hold for a moderator; risky: refuse. */
export type ContentVerdict = 'pass' | 'review' | 'risky';

export interface ContentCheckResult {
  verdict: ContentVerdict;
  /** Why it was held or refused, for the moderator (never shown to the public). */
  reason: string | null;
}

/** Words residents' posts must not contain. Deployments extend it with CONTENT_BLOCKED_WORDS. */
export const DEFAULT_BLOCKED_WORDS = ['赌博', '博彩', '代开发票', '办证刻章', '枪支弹药', '裸聊'];

/**
 * Checks user text before it is published (QUALITY.md S14): first a local
 * sensitive-word list, then, when enabled, WeChat's msg_sec_check (v2).
 * A word on the list or WeChat's `risky` refuses; WeChat's `review` — or
 * WeChat being unreachable — holds the item for a moderator.
 */
export class ContentChecker {
  constructor(
    private readonly options: {
      blockedWords: readonly string[];
      wechat: WechatClient | undefined;
      logger: Logger;
    },
  ) {}

  /** Whether media (photos) go through WeChat's asynchronous media check. */
  get checksMedia(): boolean {
    return this.options.wechat !== undefined;
  }

  async checkText(text: string, who: { openid: string | null; scene: 1 | 2 | 3 | 4 }): Promise<ContentCheckResult> {
    const normalized = text.normalize('NFKC').replace(/\s+/g, '');
    const hit = this.options.blockedWords.find((w) => w && normalized.includes(w));
    if (hit) return { verdict: 'risky', reason: `含有敏感词“${hit}”` };
    const wechat = this.options.wechat;
    if (!wechat) return { verdict: 'pass', reason: null };
    if (!who.openid) {
      // WeChat's check needs the author's openid (a resident entered by a grid worker has none).
      return { verdict: 'review', reason: '作者未绑定微信，需人工审核内容' };
    }
    try {
      const result = await wechat.msgSecCheck({ openid: who.openid, content: text, scene: who.scene });
      if (result.suggest === 'pass') return { verdict: 'pass', reason: null };
      return {
        verdict: result.suggest,
        reason:
          result.suggest === 'risky'
            ? `微信内容安全检测未通过（标签 ${result.label}）`
            : `微信内容安全建议人工审核（标签 ${result.label}）`,
      };
    } catch (error) {
      this.options.logger.warn({ err: error }, 'content check unreachable; holding for review');
      return { verdict: 'review', reason: '内容安全检测暂时不可用，需人工审核' };
    }
  }
}
