import Taro from '@tarojs/taro';
import councilsIcon from '@/assets/tabbar/councils.png';
import { ActionButton } from '@/components/ActionButton';
import { PageLayout } from '@/components/PageLayout';
import { PlaceholderNotice } from '@/components/PlaceholderNotice';

/** Back to where the resident came from; to 我的 when the page was opened directly. */
function goBack() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: '/pages/me/index' });
}

/** Committee workbench; lives in the `moderator` subpackage. */
export default function ModeratorHomePage() {
  return (
    <PageLayout title="社区工作台" intro="社区工作人员在这里受理居民议题、安排议事会并公示办理结果。">
      <PlaceholderNotice
        image={councilsIcon}
        title="工作台正在建设中"
        description="上线后，这里将列出待受理的议题、即将召开的议事会和需要公示的结果。"
      />
      <ActionButton variant="secondary" onClick={goBack}>
        返回
      </ActionButton>
    </PageLayout>
  );
}
