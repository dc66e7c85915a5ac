import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import meIcon from '@/assets/tabbar/me.png';
import { ActionButton } from '@/components/ActionButton';
import { PageLayout } from '@/components/PageLayout';
import { PlaceholderNotice } from '@/components/PlaceholderNotice';
import { ServerStatus } from '@/components/ServerStatus';
import './index.css';

export default function MePage() {
  return (
    <PageLayout title="我的" intro="登录、个人信息和您参与过的议题与议事会将显示在这里。">
      <PlaceholderNotice
        image={meIcon}
        title="个人中心正在建设中"
        description="上线后，您可以在这里登录、管理个人信息，并查看自己提出和附议的议题。"
      />
      <View className="me-page__staff" role="region" aria-label="社区工作人员入口">
        <View className="me-page__staff-title" role="heading" aria-level={2}>
          社区工作人员
        </View>
        <View className="me-page__staff-text">居委会、业委会成员在社区工作台受理议题、组织议事会。</View>
        <ActionButton variant="secondary" onClick={() => void Taro.navigateTo({ url: '/moderator/index/index' })}>
          进入社区工作台
        </ActionButton>
      </View>
      <ServerStatus />
    </PageLayout>
  );
}
