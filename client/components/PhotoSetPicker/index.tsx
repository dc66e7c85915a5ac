import { Image, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { pressableProps } from '@/components/pressable';
import { ApiError } from '@/services/request';
import { loadTopicPhoto, releaseTopicPhoto, uploadTopicPhoto } from '@/services/topics';
import { choosePhoto, photoProblem } from '@/services/uploads';
import './index.css';

interface PhotoSetPickerProps {
  /** Ids of the photos already uploaded, in order. */
  uploadIds: readonly number[];
  onChange: (uploadIds: number[]) => void;
  max: number;
  disabled?: boolean;
  /** Tells the form an upload is under way (submitting waits for it). */
  onBusyChange?: (busy: boolean) => void;
}

/**
 * Up to `max` photos: each is checked on the device, uploaded as soon as it
 * is picked (so a kept draft holds its id) and shown as a thumbnail with a
 * 删除 button. Photos of a restored draft are fetched back from the server.
 */
export function PhotoSetPicker({ uploadIds, onChange, max, disabled = false, onBusyChange }: PhotoSetPickerProps) {
  const [previews, setPreviews] = useState<Record<number, string>>({});
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string>();
  const owned = useRef(new Set<string>());
  const asked = useRef(new Set<number>());

  useEffect(() => {
    for (const id of uploadIds) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      loadTopicPhoto(id)
        .then((path) => {
          owned.current.add(path);
          setPreviews((current) => ({ ...current, [id]: current[id] ?? path }));
        })
        .catch(() => undefined);
    }
  }, [uploadIds]);

  useEffect(() => {
    const paths = owned.current;
    return () => {
      for (const path of paths) releaseTopicPhoto(path);
    };
  }, []);

  const add = async () => {
    setProblem(undefined);
    let chosen: Awaited<ReturnType<typeof choosePhoto>>;
    try {
      chosen = await choosePhoto();
    } catch {
      setProblem('无法打开相册或相机，请稍后重试');
      return;
    }
    if (!chosen) return;
    const why = photoProblem(chosen);
    if (why) {
      setProblem(why);
      return;
    }
    setUploading(true);
    onBusyChange?.(true);
    try {
      const uploaded = await uploadTopicPhoto(chosen);
      asked.current.add(uploaded.id);
      setPreviews((current) => ({ ...current, [uploaded.id]: chosen.path }));
      onChange([...uploadIds, uploaded.id]);
    } catch (error) {
      setProblem(error instanceof ApiError ? `照片上传失败：${error.message}` : '照片上传失败，请重试');
    } finally {
      setUploading(false);
      onBusyChange?.(false);
    }
  };

  const remove = (id: number) => onChange(uploadIds.filter((other) => other !== id));
  const full = uploadIds.length >= max;

  return (
    <View className="yishi-photo-set">
      {uploadIds.length > 0 ? (
        <View className="yishi-photo-set__grid" role="list" aria-label="已添加的照片">
          {uploadIds.map((id, index) => (
            <View key={id} className="yishi-photo-set__item" role="listitem">
              {previews[id] ? (
                <Image
                  className="yishi-photo-set__image"
                  src={previews[id]}
                  mode="aspectFill"
                  imgProps={{ alt: `第 ${index + 1} 张照片` }}
                />
              ) : (
                <View className="yishi-photo-set__placeholder">第 {index + 1} 张</View>
              )}
              <View
                className="yishi-photo-set__remove yishi-pressable"
                aria-label={`删除第 ${index + 1} 张照片`}
                {...pressableProps(() => remove(id), { disabled })}
              >
                删除
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {problem ? (
        <View className="yishi-photo-set__problem" role="alert">
          {problem}
        </View>
      ) : null}
      {uploading ? (
        <View className="yishi-photo-set__status" role="status">
          正在上传照片…
        </View>
      ) : null}
      <ActionButton variant="secondary" disabled={disabled || full} loading={uploading} onClick={() => void add()}>
        {full ? `已添加 ${max} 张（最多 ${max} 张）` : `添加照片（${uploadIds.length}/${max}）`}
      </ActionButton>
    </View>
  );
}
