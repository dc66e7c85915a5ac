import type { Me } from '@shared/auth/auth.schema';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { RoleTags } from '@/components/RoleTags';
import type { MyCommunity } from '@/services/session';
import './index.css';

interface ProfileCardProps {
  me: Me;
  /** The community whose roles are shown. */
  community?: MyCommunity;
  /** Below the roles, e.g. the community switcher. */
  children?: ReactNode;
}

/** Who is signed in: nickname, masked phone, the current community and their roles in it. */
export function ProfileCard({ me, community, children }: ProfileCardProps) {
  return (
    <View className="yishi-profile" role="region" aria-label="个人信息">
      <View className="yishi-profile__name" role="heading" aria-level={2}>
        {me.nickname}
      </View>
      {me.phoneMasked ? <View className="yishi-profile__line">手机号 {me.phoneMasked}</View> : null}
      {community ? (
        <View className="yishi-profile__roles">
          <View className="yishi-profile__community">
            {community.name}
            <Text className="yishi-profile__district"> · {community.subDistrictName}</Text>
          </View>
          <View className="yishi-profile__line">在{community.name}的身份</View>
          <RoleTags roles={community.roles} emptyText="尚未认证房屋" />
        </View>
      ) : null}
      {community?.status === 'suspended' ? (
        <View className="yishi-profile__suspended" role="alert">
          您在本社区的账号已被暂停使用，如有疑问请联系社区居委会。
        </View>
      ) : null}
      {children}
    </View>
  );
}
