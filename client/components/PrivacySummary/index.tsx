import { PRIVACY_AGREEMENT_VERSION } from '@shared/auth/auth.schema';
import { maskName } from '@shared/communities/roster';
import { View } from '@tarojs/components';
import './index.css';

interface Clause {
  heading: string;
  points: string[];
}

/** The privacy agreement in plain words (PIPL): what, why, who sees it, and the resident's rights. */
const CLAUSES: Clause[] = [
  {
    heading: '我们收集哪些信息',
    points: [
      '您的真实姓名，以及您与房屋的关系（业主、家庭成员或租户）。',
      '您所住的房屋：小区、楼栋和房号。',
      '业主认证时，您登记手机号的后四位，用来与社区的业主花名册核对。',
      '花名册核对不一致时，您上传的房产证或购房合同照片。',
    ],
  },
  {
    heading: '用来做什么',
    points: [
      '只用于核实您是这个社区的住户或业主，决定您可以参加哪些议题讨论和表决。',
      '我们不会把您的信息用于广告，也不会出售给任何人。',
    ],
  },
  {
    heading: '谁能看到',
    points: [
      '只有本社区负责审核的社区工作者能看到您的真实姓名、房号和证明照片。',
      `在公开的议题、表决和公示中，您的姓名会隐去，只显示姓氏，例如“${maskName('王秀英')}”。`,
    ],
  },
  {
    heading: '您的权利',
    points: [
      '您可以随时在“我的 → 隐私与个人信息”中导出我们保存的您的全部数据。',
      '您可以随时注销账号：个人信息会被删除，您公开发表过的内容保留，但改为匿名显示。',
      '您也可以不同意本指引，此时仍可浏览社区议题，但不能认证房屋、上传照片。',
    ],
  },
];

export function PrivacySummary() {
  return (
    <View className="yishi-privacy">
      {CLAUSES.map((clause) => (
        <View key={clause.heading} className="yishi-privacy__clause">
          <View className="yishi-privacy__heading" role="heading" aria-level={2}>
            {clause.heading}
          </View>
          <View role="list" className="yishi-privacy__points">
            {clause.points.map((point) => (
              <View key={point} role="listitem" className="yishi-privacy__point">
                {point}
              </View>
            ))}
          </View>
        </View>
      ))}
      <View className="yishi-privacy__version">隐私保护指引 第 {PRIVACY_AGREEMENT_VERSION} 版</View>
    </View>
  );
}
