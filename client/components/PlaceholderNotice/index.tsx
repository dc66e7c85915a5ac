import { Image, View } from '@tarojs/components';
import { Empty } from '@/components/nutui';
import './index.css';

interface PlaceholderNoticeProps {
  /** Decorative picture (one of the tab bar icons). */
  image: string;
  title: string;
  description: string;
}

/** Says honestly that a feature is still being built and what it will do. */
export function PlaceholderNotice({ image, title, description }: PlaceholderNoticeProps) {
  return (
    <View className="placeholder-notice">
      <Empty
        image={<Image className="placeholder-notice__image" src={image} mode="aspectFit" imgProps={{ alt: '' }} />}
        imageSize={64}
        title={title}
        description={description}
      />
    </View>
  );
}
