import councilsIcon from '@/assets/tabbar/councils.png';
import { PageLayout } from '@/components/PageLayout';
import { PlaceholderNotice } from '@/components/PlaceholderNotice';
import { ServerStatus } from '@/components/ServerStatus';

export default function CouncilsPage() {
  return (
    <PageLayout title="议事会" intro="议事会的时间地点、议程、表决和会议结果将显示在这里。">
      <PlaceholderNotice
        image={councilsIcon}
        title="议事会功能正在建设中"
        description="上线后，您可以在这里报名参加议事会、查看议程，并参与表决。"
      />
      <ServerStatus />
    </PageLayout>
  );
}
