import type { Persona } from '@shared/auth/auth.schema';
import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import { RoleTags } from '@/components/RoleTags';
import './index.css';

interface PersonaCardProps {
  persona: Persona;
  onChoose: (persona: Persona) => void;
  /** True while signing in as this persona. */
  busy?: boolean;
  disabled?: boolean;
}

/** Demo mode: one persona to sign in as — the whole card is the button. */
export function PersonaCard({ persona, onChoose, busy = false, disabled = false }: PersonaCardProps) {
  return (
    <View
      className={`yishi-persona yishi-pressable${busy ? ' yishi-persona--busy' : ''}`}
      aria-busy={busy || undefined}
      {...pressableProps(() => onChoose(persona), { disabled: disabled || busy })}
    >
      <View className="yishi-persona__head">
        <View className="yishi-persona__name">{persona.name}</View>
        <View className="yishi-persona__action" aria-hidden="true">
          {busy ? '正在登录…' : '登录 ›'}
        </View>
      </View>
      <RoleTags roles={persona.roles} emptyText="尚未认证的居民" />
      <View className="yishi-persona__description">{persona.description}</View>
      <View className="yishi-persona__community">{persona.community}</View>
    </View>
  );
}
