import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { PhotoPicker } from '@/components/PhotoPicker';
import { TextField } from '@/components/TextField';
import { type Building, listBuildings, listCommunities, listUnits, type UnitOption } from '@/services/communities';
import type { ChosenPhoto } from '@/services/uploads';
import { authorizeProxy, revokeProxy, uploadProxyForm, type VoteView } from '@/services/votes';

interface ProxyPanelProps {
  vote: VoteView;
  /** Household and owners' votes: the unit the authorization is for. */
  unitId: number | undefined;
  onChanged: () => void;
}

/**
 * 委托代投: the voter names a verified resident of the community (by unit and
 * name) and uploads the signed authorization form; shows an active
 * authorization with a revoke button until the proxy has voted.
 */
export function ProxyPanel({ vote, unitId, onChanged }: ProxyPanelProps) {
  const mine = vote.me.myProxy;
  const [opened, setOpened] = useState(false);
  const [estates, setEstates] = useState<{ id: number; name: string }[]>();
  const [estateId, setEstateId] = useState<number>();
  const [buildings, setBuildings] = useState<Building[]>();
  const [buildingId, setBuildingId] = useState<number>();
  const [units, setUnits] = useState<UnitOption[]>();
  const [proxyUnitId, setProxyUnitId] = useState<number>();
  const [name, setName] = useState('');
  const [photo, setPhoto] = useState<ChosenPhoto>();
  const [uploadedId, setUploadedId] = useState<number>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened || estates) return;
    listCommunities()
      .then((list) => setEstates(list.find((c) => c.id === vote.communityId)?.estates ?? []))
      .catch(() => setEstates([]));
  }, [opened, estates, vote.communityId]);
  useEffect(() => {
    setBuildings(undefined);
    setBuildingId(undefined);
    if (estateId === undefined) return;
    listBuildings(estateId)
      .then(setBuildings)
      .catch(() => undefined);
  }, [estateId]);
  useEffect(() => {
    setUnits(undefined);
    setProxyUnitId(undefined);
    if (buildingId === undefined) return;
    listUnits(buildingId)
      .then(setUnits)
      .catch(() => undefined);
  }, [buildingId]);

  if (mine && mine.status === 'active') {
    const revoke = async () => {
      const answer = await Taro.showModal({
        title: '撤销委托',
        content: `撤销后 ${mine.proxyName} 不能再替您投票。确定撤销吗？`,
        confirmText: '撤销委托',
        cancelText: '取消',
      });
      if (!answer.confirm) return;
      setBusy(true);
      try {
        await revokeProxy(mine.id);
        void Taro.showToast({ title: '已撤销委托', icon: 'success' });
        onChanged();
      } catch {
        // Shown by the request module.
      } finally {
        setBusy(false);
      }
    };
    return (
      <Notice tone="info" title={`您已委托 ${mine.proxyName} 代为投票`}>
        {mine.used ? (
          <View className="vote-detail__muted">代理人已经替您投票。</View>
        ) : (
          <View className="vote-detail__action">
            <ActionButton variant="secondary" loading={busy} onClick={() => void revoke()}>
              撤销委托
            </ActionButton>
          </View>
        )}
      </Notice>
    );
  }
  if (!vote.me.eligible || vote.me.voted || vote.status !== 'open') return null;
  if (!opened) {
    return (
      <View className="vote-detail__action">
        <ActionButton variant="secondary" onClick={() => setOpened(true)}>
          委托他人代我投票
        </ActionButton>
      </View>
    );
  }

  const ready = proxyUnitId !== undefined && name.trim().length > 0 && photo !== undefined;
  const submit = async () => {
    if (!ready || proxyUnitId === undefined || !photo) return;
    const answer = await Taro.showModal({
      title: '确认委托',
      content: `委托 ${name.trim()} 在本次表决中替您投票？委托后您本人仍可在代理人投票前自己投票或撤销委托。`,
      confirmText: '确认委托',
      cancelText: '取消',
    });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      const uploadId = uploadedId ?? (await uploadProxyForm(photo));
      setUploadedId(uploadId);
      await authorizeProxy(vote.id, {
        proxyUnitId,
        proxyName: name.trim(),
        uploadId,
        ...(unitId !== undefined ? { unitId } : {}),
      });
      void Taro.showToast({ title: '已委托', icon: 'success' });
      setOpened(false);
      onChanged();
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="vote-detail__proxy-form">
      <Notice tone="info" title="委托他人代投">
        代理人须是本社区已认证的居民。请先在纸质授权委托书上签字，再拍照上传；社区工作者会核对委托书。
      </Notice>
      {estates && estates.length > 0 ? (
        <ChoiceList
          label="代理人住在哪个小区"
          showLabel
          choices={estates.map((e) => ({ value: e.id, label: e.name }))}
          value={estateId}
          onChange={setEstateId}
        />
      ) : null}
      {buildings ? (
        <ChoiceList
          label="楼栋"
          showLabel
          columns={3}
          choices={buildings.map((b) => ({ value: b.id, label: b.name }))}
          value={buildingId}
          onChange={setBuildingId}
        />
      ) : null}
      {units ? (
        <ChoiceList
          label="房号"
          showLabel
          columns={3}
          choices={units.map((u) => ({ value: u.id, label: u.label }))}
          value={proxyUnitId}
          onChange={setProxyUnitId}
        />
      ) : null}
      <TextField label="代理人姓名" value={name} onChange={setName} maxLength={50} />
      <PhotoPicker label="签字的授权委托书照片" photo={photo} onChange={setPhoto} disabled={busy} />
      <View className="vote-detail__action">
        <ActionButton disabled={!ready} loading={busy} onClick={() => void submit()}>
          提交委托
        </ActionButton>
      </View>
      <View className="vote-detail__action">
        <ActionButton variant="secondary" onClick={() => setOpened(false)}>
          取消
        </ActionButton>
      </View>
    </View>
  );
}
