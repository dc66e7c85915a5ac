import { ROLE_LABELS, ROLE_SCOPES } from '@shared/auth/roles';
import { Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { GrantableRole, GrantRoleInput } from '@/services/moderation';
import { ModeratorButton } from '../ModeratorButton';
import '../ReasonForm/index.css';
import './index.css';

/** The roles a moderator may grant, in the order the committee thinks of them. */
export const GRANTABLE_ROLES: readonly GrantableRole[] = [
  'representative',
  'property_manager',
  'owners_committee',
  'social_org',
  'grid_worker',
  'moderator',
];

/** Roles that belong to an organisation (物业公司, 业委会, 社会组织), whose name is worth recording. */
const ORGANISATION_ROLES: ReadonlySet<GrantableRole> = new Set(['property_manager', 'owners_committee', 'social_org']);

interface RoleGrantFormProps {
  /** Whom the role is for (shown in the form's name). */
  memberName: string;
  estates: readonly { id: number; name: string }[];
  busy?: boolean;
  onSubmit: (input: Omit<GrantRoleInput, 'userId'>) => void;
  onCancel: () => void;
}

interface ChoiceProps {
  label: string;
  checked: boolean;
  onChoose: () => void;
}

/** One option of a single-choice row: a radio on the web (arrow keys aside, Enter/Space pick it). */
function Choice({ label, checked, onChoose }: ChoiceProps) {
  const webProps =
    process.env.TARO_ENV === 'h5'
      ? {
          tabIndex: 0,
          onKeyDown: (event: { key: string; preventDefault: () => void }) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onChoose();
            }
          },
        }
      : {};
  return (
    <View
      {...webProps}
      className={`reason-form__preset${checked ? ' reason-form__preset--chosen' : ''}`}
      role="radio"
      aria-checked={checked}
      onClick={onChoose}
    >
      {label}
    </View>
  );
}

/**
 * Grants a member a role: which role, for which estate when the role is an
 * estate's (物业, 业委会; 议事代表 may be either), and the organisation.
 */
export function RoleGrantForm({ memberName, estates, busy = false, onSubmit, onCancel }: RoleGrantFormProps) {
  const [role, setRole] = useState<GrantableRole | undefined>(undefined);
  const [estateId, setEstateId] = useState<number | undefined>(undefined);
  const [organisation, setOrganisation] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const scopes = role ? ROLE_SCOPES[role] : [];
  const needsEstate = scopes[0] === 'estate';
  const mayChooseEstate = scopes.includes('estate');

  const submit = () => {
    if (!role) {
      setProblem('请选择要授予的角色');
      return;
    }
    if (needsEstate && estateId === undefined) {
      setProblem(`请选择${ROLE_LABELS[role]}负责的小区`);
      return;
    }
    setProblem(null);
    const name = organisation.trim();
    onSubmit({
      role,
      ...(mayChooseEstate && estateId !== undefined ? { estateId } : {}),
      ...(ORGANISATION_ROLES.has(role) && name ? { organisation: name } : {}),
    });
  };

  return (
    <View className="reason-form" role="group" aria-label={`为 ${memberName} 授予角色`}>
      <View className="reason-form__label">授予角色</View>
      <View className="reason-form__presets" role="radiogroup" aria-label="角色">
        {GRANTABLE_ROLES.map((candidate) => (
          <Choice
            key={candidate}
            label={ROLE_LABELS[candidate]}
            checked={role === candidate}
            onChoose={() => {
              setRole(candidate);
              setEstateId(undefined);
              setProblem(null);
            }}
          />
        ))}
      </View>
      {role && mayChooseEstate && (
        <>
          <View className="role-grant__hint">{needsEstate ? '负责的小区' : '范围'}</View>
          <View className="reason-form__presets" role="radiogroup" aria-label={needsEstate ? '负责的小区' : '范围'}>
            {!needsEstate && (
              <Choice label="全社区" checked={estateId === undefined} onChoose={() => setEstateId(undefined)} />
            )}
            {estates.map((estate) => (
              <Choice
                key={estate.id}
                label={estate.name}
                checked={estateId === estate.id}
                onChoose={() => {
                  setEstateId(estate.id);
                  setProblem(null);
                }}
              />
            ))}
          </View>
        </>
      )}
      {role && ORGANISATION_ROLES.has(role) && (
        <Input
          className="reason-form__input"
          value={organisation}
          maxlength={100}
          placeholder="所属单位（选填），如 恒安物业服务有限公司"
          aria-label="所属单位"
          onInput={(event) => setOrganisation(event.detail.value)}
        />
      )}
      {problem && (
        <View className="reason-form__problem" role="alert">
          {problem}
        </View>
      )}
      <View className="reason-form__actions">
        <ModeratorButton busy={busy} onClick={submit}>
          确认授予
        </ModeratorButton>
        <ModeratorButton variant="secondary" disabled={busy} onClick={onCancel}>
          取消
        </ModeratorButton>
      </View>
    </View>
  );
}
