import { Image, View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { uploadProjectPhoto } from '@/services/projects';
import { choosePhoto, photoProblem } from '@/services/uploads';
import './project.css';

interface ProjectPhotoPickerProps {
  uploadIds: readonly number[];
  onChange: (uploadIds: number[]) => void;
  max: number;
  /** Tells the form an upload is under way. */
  onBusyChange?: (busy: boolean) => void;
  addLabel?: string;
}

/** Up to `max` photos, each checked on the device and uploaded as soon as it is picked. */
export function ProjectPhotoPicker({
  uploadIds,
  onChange,
  max,
  onBusyChange,
  addLabel = '添加照片',
}: ProjectPhotoPickerProps) {
  const [previews, setPreviews] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const add = async () => {
    setProblem(undefined);
    const photo = await choosePhoto().catch(() => {
      setProblem('无法打开相册或相机，请稍后重试');
      return undefined;
    });
    if (!photo) return;
    const bad = photoProblem(photo);
    if (bad) {
      setProblem(bad);
      return;
    }
    setBusy(true);
    onBusyChange?.(true);
    try {
      const id = await uploadProjectPhoto(photo);
      setPreviews((current) => ({ ...current, [id]: photo.path }));
      onChange([...uploadIds, id]);
    } catch {
      setProblem('照片没有传上去，请重试');
    } finally {
      setBusy(false);
      onBusyChange?.(false);
    }
  };

  return (
    <View>
      <View className="project__photos">
        {uploadIds.map((id, i) => (
          <View key={id} className="project__photo-slot">
            <Image
              className="project__photo"
              src={previews[id] ?? ''}
              mode="aspectFill"
              imgProps={{ alt: `第 ${i + 1} 张照片` }}
            />
            <ActionButton variant="secondary" block={false} onClick={() => onChange(uploadIds.filter((u) => u !== id))}>
              删除
            </ActionButton>
          </View>
        ))}
      </View>
      {uploadIds.length < max ? (
        <View className="project__actions">
          <ActionButton variant="secondary" loading={busy} onClick={() => void add()}>
            {busy ? '正在上传…' : `${addLabel}（${uploadIds.length}/${max}）`}
          </ActionButton>
        </View>
      ) : null}
      {problem ? (
        <View className="project__error" role="alert">
          {problem}
        </View>
      ) : null}
    </View>
  );
}
