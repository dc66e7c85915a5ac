import { UNIT_RELATION_LABELS, UNIT_RELATIONS, type UnitRelation } from '@shared/auth/roles';
import { claimBodySchema } from '@shared/members/members.schema';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { type Choice, ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { PhotoPicker } from '@/components/PhotoPicker';
import { Section } from '@/components/Section';
import { StepSummary } from '@/components/StepSummary';
import { TextField } from '@/components/TextField';
import {
  type ClaimBody,
  type ClaimDraft,
  type ClaimView,
  clearClaimDraft,
  loadClaimDraft,
  saveClaimDraft,
  submitClaim,
} from '@/services/claims';
import {
  type Building,
  type CommunitySummary,
  listBuildings,
  listCommunities,
  listUnits,
  type UnitOption,
} from '@/services/communities';
import type { ChosenPhoto } from '@/services/uploads';
import { uploadPhoto } from '@/services/uploads';
import './index.css';

export interface FiledClaim {
  claim: ClaimView;
  /** e.g. 锦绣华庭 4号楼 1单元601 */
  address: string;
}

interface UnitClaimFormProps {
  /** The community to claim in (the switcher's choice), when known. */
  communityId?: number;
  /** Prefills the name (the real name on file). */
  defaultName?: string;
  onFiled: (filed: FiledClaim) => void;
}

const ESTATE_KINDS: Record<string, string> = {
  old_compound: '老旧小区',
  commercial: '商品房小区',
  resettlement: '回迁房小区',
};

const RELATION_HINTS: Record<UnitRelation, string> = {
  owner: '房产证或购房合同上有您的名字',
  family: '与业主同住的家人',
  tenant: '租住在这套房屋',
};

type FieldErrors = Partial<Record<'name' | 'phoneLast4' | 'relation', string>>;

/**
 * The unit claim (房屋认证): estate → building → unit, the relation, the real
 * name and, for owners, the last four digits of the registered phone. When the
 * roster does not match, it asks for a certificate or contract photo, uploads
 * it and files the claim again with it. A failed submission leaves a draft in
 * storage that the next visit restores.
 */
export function UnitClaimForm({ communityId, defaultName = '', onFiled }: UnitClaimFormProps) {
  const [restored] = useState(loadClaimDraft);
  const [form, setForm] = useState<ClaimDraft>(() => restored ?? { name: defaultName });
  const [communities, setCommunities] = useState<CommunitySummary[]>();
  const [buildings, setBuildings] = useState<Building[]>();
  const [units, setUnits] = useState<UnitOption[]>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [phase, setPhase] = useState<'form' | 'evidence'>('form');
  const [mismatch, setMismatch] = useState<string>();
  const [photo, setPhoto] = useState<ChosenPhoto>();
  const [uploadedId, setUploadedId] = useState<number>();
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    let alive = true;
    listCommunities()
      .then((list) => alive && setCommunities(list))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    setBuildings(undefined);
    if (form.estateId === undefined) return;
    let alive = true;
    listBuildings(form.estateId)
      .then((list) => alive && setBuildings(list))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [form.estateId]);

  useEffect(() => {
    setUnits(undefined);
    if (form.buildingId === undefined) return;
    let alive = true;
    listUnits(form.buildingId)
      .then((list) => alive && setUnits(list))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [form.buildingId]);

  // The switcher's community; else the one picked here (filing the claim joins it).
  const [pickedCommunityId, setPickedCommunityId] = useState<number>();
  const community =
    communities?.find((c) => c.id === (pickedCommunityId ?? communityId)) ??
    (communities?.length === 1 ? communities[0] : undefined);
  const communityPicked = pickedCommunityId !== undefined && community?.id === pickedCommunityId;
  const estate = community?.estates.find((e) => e.id === form.estateId);
  const building = buildings?.find((b) => b.id === form.buildingId);
  const unit = units?.find((u) => u.id === form.unitId);
  const address = [estate?.name, building?.name, unit?.label].filter(Boolean).join(' ');

  const update = (changes: Partial<ClaimDraft>) => {
    setForm((current) => ({ ...current, ...changes }));
    setErrors({});
  };

  const body = (): ClaimBody | undefined => {
    const candidate = {
      unitId: form.unitId,
      relation: form.relation,
      name: (form.name ?? '').trim(),
      ...(form.relation === 'owner' && form.phoneLast4 ? { phoneLast4: form.phoneLast4.trim() } : {}),
    };
    const parsed = claimBodySchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const found: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'name') found.name = issue.message;
      if (field === 'phoneLast4') found.phoneLast4 = issue.message;
      if (field === 'relation') found.relation = '请选择您与这套房屋的关系';
    }
    setErrors(found);
    return undefined;
  };

  /** Files the claim, uploading the photo first when there is one (once: a retry reuses it). */
  const submit = async () => {
    const claim = body();
    if (!claim) return;
    setSubmitting(true);
    try {
      let evidenceUploadId = uploadedId;
      if (photo && evidenceUploadId === undefined) {
        evidenceUploadId = (await uploadPhoto(photo, 'claim_evidence')).id;
        setUploadedId(evidenceUploadId);
      }
      const outcome = await submitClaim(evidenceUploadId === undefined ? claim : { ...claim, evidenceUploadId });
      if (outcome.kind === 'needs-evidence') {
        saveClaimDraft(form);
        setMismatch(outcome.message);
        setPhase('evidence');
        return;
      }
      clearClaimDraft();
      onFiled({ claim: outcome.claim, address });
    } catch {
      // The request module has shown why; keep what was typed for the next try.
      saveClaimDraft(form);
    } finally {
      setSubmitting(false);
    }
  };

  const choosePhoto = (chosen: ChosenPhoto | undefined) => {
    setPhoto(chosen);
    setUploadedId(undefined);
  };

  if (phase === 'evidence') {
    return (
      <View className="claim-form">
        <Notice tone="warning" title="需要上传证明材料" live="alert">
          {mismatch}
        </Notice>
        <Section
          title="上传房产证或购房合同照片"
          description="请拍摄房产证或购房合同中写有房屋地址和产权人姓名的那一页，字迹要清楚。照片只有本社区的审核人员能看到。"
        >
          <StepSummary label="房屋" value={address} />
          <StepSummary label="姓名" value={form.name ?? ''} />
          <PhotoPicker label="房产证或购房合同照片" photo={photo} onChange={choosePhoto} disabled={submitting} />
        </Section>
        <ActionButton disabled={!photo} loading={submitting} onClick={() => void submit()}>
          上传照片并提交
        </ActionButton>
        <ActionButton variant="secondary" disabled={submitting} onClick={() => setPhase('form')}>
          返回修改信息
        </ActionButton>
      </View>
    );
  }

  const estateChoices: Choice<number>[] = (community?.estates ?? []).map((e) => ({
    value: e.id,
    label: e.name,
    description: ESTATE_KINDS[e.kind],
  }));
  const relationChoices: Choice<UnitRelation>[] = UNIT_RELATIONS.map((relation) => ({
    value: relation,
    label: UNIT_RELATION_LABELS[relation],
    description: RELATION_HINTS[relation],
  }));

  return (
    <View className="claim-form">
      {restored ? (
        <Notice tone="info" live="status">
          已为您填好上次没有提交成功的内容，请核对后重新提交。
        </Notice>
      ) : null}

      <Section
        title="① 选择房屋"
        description={community ? `${community.name}（${community.subDistrictName}）` : undefined}
      >
        {!communities ? <View className="claim-form__loading">正在读取小区列表…</View> : null}
        {communities && !community ? (
          <ChoiceList
            label="请选择社区"
            showLabel
            choices={communities.map((c) => ({ value: c.id, label: c.name, description: c.subDistrictName }))}
            value={undefined}
            onChange={(id) => setPickedCommunityId(id)}
          />
        ) : null}
        {community && communityPicked ? (
          <StepSummary
            label="社区"
            value={community.name}
            onChange={() => {
              setPickedCommunityId(undefined);
              update({ estateId: undefined, buildingId: undefined, unitId: undefined });
            }}
          />
        ) : null}
        {community && estate ? (
          <StepSummary
            label="小区"
            value={estate.name}
            onChange={() => update({ estateId: undefined, buildingId: undefined, unitId: undefined })}
          />
        ) : null}
        {community && !estate ? (
          <ChoiceList
            label="请选择小区"
            showLabel
            choices={estateChoices}
            value={form.estateId}
            onChange={(estateId) => update({ estateId, buildingId: undefined, unitId: undefined })}
          />
        ) : null}

        {estate && building ? (
          <StepSummary
            label="楼栋"
            value={building.name}
            onChange={() => update({ buildingId: undefined, unitId: undefined })}
          />
        ) : null}
        {estate && !building ? (
          buildings ? (
            <ChoiceList
              label="请选择楼栋"
              showLabel
              columns={2}
              choices={buildings.map((b) => ({ value: b.id, label: b.name, description: `${b.unitCount} 户` }))}
              value={form.buildingId}
              onChange={(buildingId) => update({ buildingId, unitId: undefined })}
            />
          ) : (
            <View className="claim-form__loading">正在读取楼栋…</View>
          )
        ) : null}

        {building && unit ? (
          <StepSummary label="房号" value={unit.label} onChange={() => update({ unitId: undefined })} />
        ) : null}
        {building && !unit ? (
          units ? (
            <ChoiceList
              label="请选择房号"
              showLabel
              columns={3}
              choices={units.map((u) => ({ value: u.id, label: u.label }))}
              value={form.unitId}
              onChange={(unitId) => update({ unitId })}
            />
          ) : (
            <View className="claim-form__loading">正在读取房号…</View>
          )
        ) : null}
      </Section>

      {unit ? (
        <Section title="② 您的身份" description="请如实填写，社区工作者会与业主花名册核对。">
          <ChoiceList
            showLabel
            label="您与这套房屋的关系"
            choices={relationChoices}
            value={form.relation}
            onChange={(relation) => update({ relation })}
          />
          {errors.relation ? (
            <View className="claim-form__error" role="alert">
              {errors.relation}
            </View>
          ) : null}
          <TextField
            label="真实姓名"
            value={form.name ?? ''}
            onChange={(name) => update({ name })}
            placeholder="与房产证或身份证一致"
            maxLength={50}
            error={errors.name}
          />
          {form.relation === 'owner' ? (
            <TextField
              label="登记手机号后四位"
              value={form.phoneLast4 ?? ''}
              onChange={(phoneLast4) => update({ phoneLast4: phoneLast4.replace(/\D/g, '') })}
              type="number"
              maxLength={4}
              placeholder="例如 1234"
              hint="填写您在社区或物业登记的手机号的后四位，与花名册一致即可立即认证。不记得可以不填，改为上传房产证照片。"
              error={errors.phoneLast4}
            />
          ) : null}
          {form.relation === 'family' || form.relation === 'tenant' ? (
            <View className="claim-form__optional">
              <View className="claim-form__label">证明材料（可选）</View>
              <View className="claim-form__hint">
                {form.relation === 'tenant'
                  ? '可以上传租赁合同照片，方便社区工作者核实。'
                  : '可以上传户口本或其他能证明同住关系的材料照片。'}
              </View>
              <PhotoPicker label="证明材料照片" photo={photo} onChange={choosePhoto} disabled={submitting} />
            </View>
          ) : null}
        </Section>
      ) : null}

      {unit ? (
        <ActionButton loading={submitting} onClick={() => void submit()}>
          提交认证
        </ActionButton>
      ) : null}
    </View>
  );
}
