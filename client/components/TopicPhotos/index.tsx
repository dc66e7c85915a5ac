import { Image, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { pressableProps } from '@/components/pressable';
import { loadTopicPhoto, previewPhotos, releaseTopicPhoto } from '@/services/topics';
import './index.css';

export interface TopicPhotoRef {
  uploadId: number;
  /** A small version when the server made one. */
  thumbnailUploadId?: number | null;
}

type Loaded = { kind: 'loading' } | { kind: 'shown'; path: string } | { kind: 'failed' };

/**
 * A topic's photos as a grid of thumbnails (fetched with the resident's
 * token); a tap opens them full size to swipe through.
 */
export function TopicPhotos({ photos }: { photos: readonly TopicPhotoRef[] }) {
  const [thumbs, setThumbs] = useState<Record<number, Loaded>>({});
  const [opening, setOpening] = useState(false);
  const full = useRef(new Map<number, string>());
  const key = photos.map((photo) => photo.uploadId).join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the list of photos.
  useEffect(() => {
    let alive = true;
    const loaded: string[] = [];
    setThumbs({});
    for (const photo of photos) {
      const id = photo.thumbnailUploadId ?? photo.uploadId;
      loadTopicPhoto(id)
        .then((path) => {
          loaded.push(path);
          if (alive) setThumbs((current) => ({ ...current, [photo.uploadId]: { kind: 'shown', path } }));
          else releaseTopicPhoto(path);
        })
        .catch(() => {
          if (alive) setThumbs((current) => ({ ...current, [photo.uploadId]: { kind: 'failed' } }));
        });
    }
    const fullPhotos = full.current;
    return () => {
      alive = false;
      for (const path of loaded) releaseTopicPhoto(path);
      for (const path of fullPhotos.values()) releaseTopicPhoto(path);
      fullPhotos.clear();
    };
  }, [key]);

  const open = async (index: number) => {
    if (opening) return;
    setOpening(true);
    try {
      const paths: string[] = [];
      for (const photo of photos) {
        let path = full.current.get(photo.uploadId);
        if (!path) {
          try {
            path = await loadTopicPhoto(photo.uploadId);
            full.current.set(photo.uploadId, path);
          } catch {
            continue;
          }
        }
        paths.push(path);
      }
      const current = full.current.get(photos[index]!.uploadId) ?? paths[0];
      if (current) previewPhotos(paths, current);
    } finally {
      setOpening(false);
    }
  };

  return (
    <View className="yishi-topic-photos">
      <View className="yishi-topic-photos__grid">
        {photos.map((photo, index) => {
          const state = thumbs[photo.uploadId] ?? { kind: 'loading' };
          const label = `查看第 ${index + 1} 张照片（共 ${photos.length} 张）`;
          return (
            <View
              key={photo.uploadId}
              className="yishi-topic-photos__item yishi-pressable"
              aria-label={label}
              {...pressableProps(() => void open(index), { disabled: state.kind === 'failed' })}
            >
              {state.kind === 'shown' ? (
                <Image
                  className="yishi-topic-photos__image"
                  src={state.path}
                  mode="aspectFill"
                  imgProps={{ alt: '' }}
                />
              ) : (
                <View className="yishi-topic-photos__placeholder" aria-hidden="true">
                  {state.kind === 'loading' ? '加载中' : '暂不可见'}
                </View>
              )}
            </View>
          );
        })}
      </View>
      {opening ? (
        <View className="yishi-topic-photos__status" role="status">
          正在打开大图…
        </View>
      ) : (
        <View className="yishi-topic-photos__status">点击照片可以放大查看</View>
      )}
    </View>
  );
}
