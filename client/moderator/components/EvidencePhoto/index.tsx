import { Image, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadEvidencePhoto, releaseEvidencePhoto } from '@/services/moderation';
import { ApiError } from '@/services/request';
import { ModeratorButton } from '../ModeratorButton';
import './index.css';

interface EvidencePhotoProps {
  uploadId: number | null;
  /** Who sent it, for the picture's description (e.g. 马桂兰). */
  owner: string;
}

type PhotoState = { kind: 'loading' } | { kind: 'shown'; path: string } | { kind: 'failed'; message: string };

/**
 * The proof a resident attached to a claim (property certificate, lease):
 * fetched with the moderator's token, shown small, enlarged on a tap.
 */
export function EvidencePhoto({ uploadId, owner }: EvidencePhotoProps) {
  if (uploadId === null) {
    return <View className="evidence-photo__none">未上传证明材料</View>;
  }
  return <LoadedPhoto uploadId={uploadId} owner={owner} />;
}

function LoadedPhoto({ uploadId, owner }: { uploadId: number; owner: string }) {
  const [state, setState] = useState<PhotoState>({ kind: 'loading' });
  const [enlarged, setEnlarged] = useState(false);
  const current = useRef<string | undefined>(undefined);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const path = await loadEvidencePhoto(uploadId);
      releaseEvidencePhoto(current.current);
      current.current = path;
      setState({ kind: 'shown', path });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof ApiError ? error.message : '证明材料加载失败' });
    }
  }, [uploadId]);

  useEffect(() => {
    void load();
    return () => {
      releaseEvidencePhoto(current.current);
      current.current = undefined;
    };
  }, [load]);

  if (state.kind === 'loading') {
    return (
      <View className="evidence-photo__none" role="status">
        正在加载证明材料…
      </View>
    );
  }
  if (state.kind === 'failed') {
    return (
      <View className="evidence-photo__failed" role="alert">
        <View>证明材料加载失败：{state.message}</View>
        <ModeratorButton variant="secondary" onClick={() => void load()}>
          重新加载
        </ModeratorButton>
      </View>
    );
  }
  return (
    <View className="evidence-photo">
      <Image
        className={`evidence-photo__image${enlarged ? ' evidence-photo__image--enlarged' : ''}`}
        src={state.path}
        mode={enlarged ? 'widthFix' : 'aspectFit'}
        imgProps={{ alt: `${owner}上传的证明材料` }}
        onClick={() => setEnlarged(!enlarged)}
      />
      <ModeratorButton variant="secondary" onClick={() => setEnlarged(!enlarged)} aria-expanded={enlarged}>
        {enlarged ? '缩小' : '查看大图'}
      </ModeratorButton>
    </View>
  );
}
