import { COMMENT_BODY_MAX } from '@shared/topics/comments.schema';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { pressableProps } from '@/components/pressable';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { describeAge } from '@/components/when';
import { startUnitClaim } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { type CommentView, hideComment, listComments, postComment, reportComment } from '@/services/topics';
import './index.css';

interface TopicCommentsProps {
  topicId: number;
  signedIn: boolean;
  /** Moderators of the topic's community may hide comments. */
  canModerate: boolean;
}

const REPORT_REASONS = ['人身攻击或辱骂', '泄露他人隐私', '广告或无关内容', '不实信息'] as const;

type Acting = { commentId: number; kind: 'report' | 'hide' };

/** Residents' comments on a topic, oldest first, with 举报 (and 隐藏 for moderators) and a box to write one. */
export function TopicComments({ topicId, signedIn, canModerate }: TopicCommentsProps) {
  const [comments, setComments] = useState<CommentView[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState<string>();
  const [draft, setDraft] = useState('');
  const [posting, setPosting] = useState(false);
  const [postError, setPostError] = useState<{ message: string; notVerified: boolean }>();
  const [acting, setActing] = useState<Acting>();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);

  const load = useCallback(
    async (after?: string) => {
      try {
        const page = await listComments(topicId, after);
        setComments((current) => (after ? [...(current ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
        setFailed(undefined);
      } catch (error) {
        setFailed(error instanceof ApiError ? error.message : '评论加载失败');
      }
    },
    [topicId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const post = async () => {
    if (draft.trim().length === 0) {
      setPostError({ message: '请填写评论内容', notVerified: false });
      return;
    }
    setPosting(true);
    setPostError(undefined);
    try {
      const comment = await postComment(topicId, draft);
      setComments((current) => [...(current ?? []), comment]);
      setDraft('');
      void Taro.showToast({
        title: comment.state === 'held' ? '已提交，审核后公开' : '评论已发表',
        icon: 'none',
      });
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'NOT_VERIFIED' || error.code === 'CONTENT_RISKY')) {
        setPostError({ message: error.message, notVerified: error.code === 'NOT_VERIFIED' });
      }
    } finally {
      setPosting(false);
    }
  };

  const startActing = (next: Acting) => {
    setActing(next);
    setReason(next.kind === 'report' ? REPORT_REASONS[0] : '');
  };

  const confirmActing = async () => {
    if (!acting || reason.trim().length < 2) return;
    setSending(true);
    try {
      if (acting.kind === 'report') {
        await reportComment(acting.commentId, reason);
        void Taro.showToast({ title: '已举报，社区工作者会尽快处理', icon: 'none' });
      } else {
        const hidden = await hideComment(acting.commentId, reason);
        setComments((current) => current?.map((comment) => (comment.id === hidden.id ? hidden : comment)));
      }
      setActing(undefined);
    } catch {
      // The request module has shown why.
    } finally {
      setSending(false);
    }
  };

  const count = comments?.length ?? 0;
  return (
    <Section title={count > 0 ? `居民评论（${count}${cursor ? '+' : ''}）` : '居民评论'}>
      {failed && !comments ? <View className="yishi-comments__status">{failed}</View> : null}
      {comments && comments.length === 0 ? <View className="yishi-comments__status">还没有评论。</View> : null}
      {comments && comments.length > 0 ? (
        <View className="yishi-comments" role="list" aria-label="评论">
          {comments.map((comment) => (
            <View key={comment.id} className="yishi-comment" role="listitem">
              <View className="yishi-comment__head">
                <View className="yishi-comment__author">
                  {comment.mine ? `${comment.authorName}（我）` : comment.authorName}
                </View>
                <View className="yishi-comment__time">{describeAge(comment.createdAt)}</View>
              </View>
              <View
                className={comment.body ? 'yishi-comment__body' : 'yishi-comment__body yishi-comment__body--hidden'}
              >
                {comment.body ?? comment.placeholder}
              </View>
              {comment.state === 'held' ? (
                <View className="yishi-comment__note">审核中，目前只有您和社区工作者能看到</View>
              ) : null}
              {comment.state === 'hidden' && comment.hiddenReason ? (
                <View className="yishi-comment__note">已隐藏：{comment.hiddenReason}</View>
              ) : null}
              {signedIn && comment.state === 'published' ? (
                <View className="yishi-comment__actions">
                  {comment.mine ? null : (
                    <View
                      className="yishi-comment__link yishi-pressable"
                      aria-label={`举报${comment.authorName}的评论`}
                      {...pressableProps(() => startActing({ commentId: comment.id, kind: 'report' }))}
                    >
                      举报
                    </View>
                  )}
                  {canModerate ? (
                    <View
                      className="yishi-comment__link yishi-pressable"
                      aria-label={`隐藏${comment.authorName}的评论`}
                      {...pressableProps(() => startActing({ commentId: comment.id, kind: 'hide' }))}
                    >
                      隐藏
                    </View>
                  ) : null}
                </View>
              ) : null}
              {acting?.commentId === comment.id ? (
                <View
                  className="yishi-comment__form"
                  role="group"
                  aria-label={acting.kind === 'report' ? '举报评论' : '隐藏评论'}
                >
                  {acting.kind === 'report' ? (
                    <ChoiceList
                      label="举报原因"
                      showLabel
                      choices={REPORT_REASONS.map((value) => ({ value, label: value }))}
                      value={reason as (typeof REPORT_REASONS)[number]}
                      onChange={setReason}
                    />
                  ) : (
                    <TextArea label="隐藏原因" value={reason} onChange={setReason} maxLength={200} rows={3} />
                  )}
                  <ActionButton
                    variant={acting.kind === 'hide' ? 'danger' : 'primary'}
                    loading={sending}
                    disabled={reason.trim().length < 2}
                    onClick={() => void confirmActing()}
                  >
                    {acting.kind === 'report' ? '提交举报' : '确认隐藏'}
                  </ActionButton>
                  <ActionButton variant="secondary" onClick={() => setActing(undefined)}>
                    取消
                  </ActionButton>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      {cursor ? (
        <ActionButton variant="secondary" onClick={() => void load(cursor)}>
          更多评论
        </ActionButton>
      ) : null}
      {signedIn ? (
        <View className="yishi-comments__new">
          <TextArea
            label="写评论"
            value={draft}
            onChange={(value) => {
              setDraft(value);
              setPostError(undefined);
            }}
            placeholder="说说您的看法或补充情况，请文明发言"
            maxLength={COMMENT_BODY_MAX}
            rows={3}
            error={postError?.message}
          />
          {postError?.notVerified ? (
            <ActionButton variant="secondary" onClick={startUnitClaim}>
              去认证房屋
            </ActionButton>
          ) : null}
          <ActionButton loading={posting} onClick={() => void post()}>
            发表评论
          </ActionButton>
        </View>
      ) : (
        <View className="yishi-comments__status">登录并认证房屋后可以发表评论。</View>
      )}
    </Section>
  );
}
