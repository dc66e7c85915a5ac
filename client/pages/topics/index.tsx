import topicsIcon from '@/assets/tabbar/topics.png';
import { PageLayout } from '@/components/PageLayout';
import { PlaceholderNotice } from '@/components/PlaceholderNotice';
import { ServerStatus } from '@/components/ServerStatus';

export default function TopicsPage() {
  return (
    <PageLayout title="议题" intro="居民提出的议题、附议与办理进度将显示在这里。">
      <PlaceholderNotice
        image={topicsIcon}
        title="议题功能正在建设中"
        description="上线后，您可以在这里提出议题、为关心的议题附议，并随时查看办理进度。"
      />
      <ServerStatus />
    </PageLayout>
  );
}
