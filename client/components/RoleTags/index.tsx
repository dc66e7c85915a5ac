import { ROLE_LABELS, type Role } from '@shared/auth/roles';
import { View } from '@tarojs/components';
import './index.css';

/** A user's roles as small labels (居民, 业主, 社区工作者 …); a note when there are none. */
export function RoleTags({ roles, emptyText }: { roles: readonly Role[]; emptyText?: string }) {
  if (roles.length === 0) {
    return emptyText ? <View className="yishi-role-tags__empty">{emptyText}</View> : null;
  }
  return (
    <View className="yishi-role-tags">
      {roles.map((role) => (
        <View key={role} className="yishi-role-tag">
          {ROLE_LABELS[role]}
        </View>
      ))}
    </View>
  );
}
