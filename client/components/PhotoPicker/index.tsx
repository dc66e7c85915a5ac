import { Image, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { type ChosenPhoto, choosePhoto, photoProblem } from '@/services/uploads';
import './index.css';

interface PhotoPickerProps {
  /** What the photo shows, e.g. 房产证或购房合同照片. */
  label: string;
  photo: ChosenPhoto | undefined;
  onChange: (photo: ChosenPhoto | undefined) => void;
  disabled?: boolean;
}

/**
 * Take or pick one photo, checked on the device (type and size) before it is
 * uploaded, with a preview of the chosen file.
 */
export function PhotoPicker({ label, photo, onChange, disabled = false }: PhotoPickerProps) {
  const [problem, setProblem] = useState<string>();

  const choose = async () => {
    let chosen: ChosenPhoto | undefined;
    try {
      chosen = await choosePhoto();
    } catch {
      setProblem('无法打开相册或相机，请稍后重试');
      return;
    }
    if (!chosen) return;
    const why = photoProblem(chosen);
    setProblem(why);
    onChange(why ? undefined : chosen);
  };

  return (
    <View className="yishi-photo">
      {photo ? (
        <View className="yishi-photo__preview">
          <Image
            className="yishi-photo__image"
            src={photo.path}
            mode="aspectFit"
            imgProps={{ alt: `已选择的${label}` }}
          />
          <View className="yishi-photo__caption">已选择照片（{formatSize(photo.sizeBytes)}）</View>
        </View>
      ) : null}
      {problem ? (
        <View className="yishi-photo__problem" role="alert">
          {problem}
        </View>
      ) : null}
      <ActionButton variant="secondary" disabled={disabled} onClick={() => void choose()}>
        {photo ? '重新选择照片' : '拍照或选择照片'}
      </ActionButton>
    </View>
  );
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
