import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { CLAIMS_CHANGED_EVENT, listClaims, type ModeratedCommunity } from '@/services/moderation';
import { listInbox } from '@/services/topics';
import { ModeratorButton } from '../components/ModeratorButton';
import { ModeratorGate, moderatorPageUrl } from '../components/ModeratorGate';
import { SegmentedTabs } from '../components/SegmentedTabs';
import { WorkbenchTile } from '../components/WorkbenchTile';

/** Back to where the moderator came from; to 我的 when the page was opened directly. */
function goBack() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: '/pages/me/index' });
}

/** 社区工作台: the committee's tools for one community; lives in the `moderator` subpackage. */
export default function ModeratorHomePage() {
  return (
    <ModeratorGate title="社区工作台" intro="审核居民的房屋认证，导入业主名册，管理社区成员。">
      {({ community, communities, selectCommunity }) => (
        <>
          {communities.length > 1 && (
            <SegmentedTabs
              label="当前社区"
              options={communities.map((item) => ({ value: String(item.id), label: item.name }))}
              value={String(community.id)}
              onChange={(id) => selectCommunity(Number(id))}
            />
          )}
          <Tools community={community} />
          <ModeratorButton variant="secondary" size="large" onClick={goBack}>
            返回
          </ModeratorButton>
        </>
      )}
    </ModeratorGate>
  );
}

function Tools({ community }: { community: ModeratedCommunity }) {
  const [pending, setPending] = useState<number | undefined>(undefined);
  const [submitted, setSubmitted] = useState<number | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const claims = await listClaims(community.id, 'pending', { showErrorToast: false });
      setPending(claims.length);
    } catch {
      // The tile then shows no count; the approvals page reports the error itself.
      setPending(undefined);
    }
    try {
      const inbox = await listInbox(community.id, { status: 'submitted', limit: 50 }, { showErrorToast: false });
      setSubmitted(inbox.items.length);
    } catch {
      setSubmitted(undefined);
    }
  }, [community.id]);

  useEffect(() => {
    void refresh();
    const onChanged = () => void refresh();
    Taro.eventCenter.on(CLAIMS_CHANGED_EVENT, onChanged);
    return () => {
      Taro.eventCenter.off(CLAIMS_CHANGED_EVENT, onChanged);
    };
  }, [refresh]);

  const open = (page: 'approvals' | 'roster' | 'members') =>
    void Taro.navigateTo({ url: moderatorPageUrl(page, community.id) });

  return (
    <>
      <WorkbenchTile
        title="认证审核"
        description="核对居民的房屋认证申请，通过或驳回"
        count={pending}
        countLabel="待审核"
        onOpen={() => open('approvals')}
      />
      <WorkbenchTile
        title="议题受理"
        description="受理、退回、合并居民提交的议题，分派给责任方"
        count={submitted}
        countLabel="待受理"
        onOpen={() => void Taro.navigateTo({ url: `/moderator/topics/inbox?communityId=${community.id}` })}
      />
      <WorkbenchTile
        title="协商会议"
        description="安排协商议事会，排议程，发布通知，签到点名"
        onOpen={() => void Taro.navigateTo({ url: `/moderator/meetings/index?communityId=${community.id}` })}
      />
      <WorkbenchTile
        title="居民名册导入"
        description="从 Excel 或 CSV 导入小区、楼栋、房屋和业主"
        onOpen={() => open('roster')}
      />
      <WorkbenchTile title="成员管理" description="查看成员实名信息，暂停或恢复账号" onOpen={() => open('members')} />
      <WorkbenchTile
        title="三社联动项目"
        description="需求、方案、街道备案、公开征集、监督和评估"
        onOpen={() => void Taro.navigateTo({ url: `/moderator/projects/index?communityId=${community.id}` })}
      />
      <WorkbenchTile
        title="决议公示与落实"
        description="答复居民异议，公示决议，安排落实责任方"
        onOpen={() => void Taro.navigateTo({ url: `/moderator/outcomes/index?communityId=${community.id}` })}
      />
      <WorkbenchTile
        title="统计与台账"
        description="议题办理、议事会出席和居民参与的统计，导出或打印台账"
        onOpen={() => void Taro.navigateTo({ url: `/stats/index/index?communityId=${community.id}` })}
      />
    </>
  );
}
