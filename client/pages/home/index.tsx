import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton';
import { PageLayout } from '@/components/PageLayout';
import { ServerStatus } from '@/components/ServerStatus';

export default function HomePage() {
  return (
    <PageLayout
      title="社区议事"
      intro="和邻居一起提出社区里的问题，在议事会上商量办法，并跟进办理结果。社区动态与待办事项将显示在这里。"
    >
      <ServerStatus />
      <ActionButton onClick={() => void Taro.switchTab({ url: '/pages/topics/index' })}>查看议题</ActionButton>
      <ActionButton variant="secondary" onClick={() => void Taro.switchTab({ url: '/pages/councils/index' })}>
        查看议事会
      </ActionButton>
    </PageLayout>
  );
}
