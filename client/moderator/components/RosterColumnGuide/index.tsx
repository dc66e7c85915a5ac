import {
  ROSTER_COLUMNS,
  ROSTER_MAX_ROWS,
  ROSTER_TEMPLATE_HEADER,
  type RosterColumnKey,
} from '@shared/communities/roster';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ModeratorButton } from '../ModeratorButton';
import './index.css';

/** What to write in each column, in a committee worker's words (docs/roster.md says the same at length). */
const COLUMN_HELP: Record<RosterColumnKey, string> = {
  estate: '小区名称，不超过 40 字，如“锦绣华庭”',
  building: '小区内的楼栋，如“1栋”“A座”“3号楼”',
  unit: '楼栋内的房号，如“1单元1201”“301”；单元请并入房号',
  area: '平方米，大于 0，最多两位小数，如“89.50”',
  area_source: '登记、测绘或合同；不填按“登记”',
  developer_held: '开发商仍持有的户填“是”；不填按“否”',
  owner_name: '业主姓名；共有人写在同一格，用“、”分隔',
  owner_phone: '手机或带区号的座机；共有人按姓名顺序用“、”分隔',
  owner_ref: '同一业主的多套房屋填同一个编号',
};

/** The header row of a blank roster, to paste into the first row of a sheet. */
export const ROSTER_HEADER_LINE = ROSTER_TEMPLATE_HEADER.join(',');

function requirement(key: RosterColumnKey, required: boolean): string {
  if (required) return '必填';
  if (key === 'owner_name') return '必填（开发商持有的户除外）';
  return '选填';
}

interface RosterColumnGuideProps {
  /** The web console offers the sample file for download. */
  canDownloadSample: boolean;
  onDownloadSample: () => void;
}

/** The roster's columns and rules (from shared ROSTER_COLUMNS), the header row to copy, the sample file. */
export function RosterColumnGuide({ canDownloadSample, onDownloadSample }: RosterColumnGuideProps) {
  const [open, setOpen] = useState(false);
  return (
    <View className="roster-guide">
      <View className="roster-guide__title" role="heading" aria-level={2}>
        名册格式
      </View>
      <View className="roster-guide__rules">
        <View>· 每户一行，第一行写列名；表头上方的标题行会自动跳过。</View>
        <View>· 不认识的列（如“序号”“备注”）会被忽略。</View>
        <View>· 支持 Excel（.xlsx）和 CSV，不超过 10 MB、{ROSTER_MAX_ROWS} 行。</View>
      </View>
      <View className="roster-guide__label">表头（复制到表格第一行）：</View>
      <View className="roster-guide__header-line">{ROSTER_HEADER_LINE}</View>
      <View className="roster-guide__actions">
        <ModeratorButton variant="secondary" onClick={() => void Taro.setClipboardData({ data: ROSTER_HEADER_LINE })}>
          复制表头
        </ModeratorButton>
        {canDownloadSample && (
          <ModeratorButton variant="secondary" onClick={onDownloadSample}>
            下载示例文件
          </ModeratorButton>
        )}
        <ModeratorButton variant="secondary" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? '收起各列说明' : '查看各列说明'}
        </ModeratorButton>
      </View>
      {open && (
        <View className="roster-guide__table" role="table" aria-label="名册各列说明">
          <View className="roster-guide__row roster-guide__row--head" role="row">
            <View className="roster-guide__cell" role="columnheader">
              列名
            </View>
            <View className="roster-guide__cell roster-guide__cell--required" role="columnheader">
              是否必填
            </View>
            <View className="roster-guide__cell roster-guide__cell--wide" role="columnheader">
              填写说明
            </View>
          </View>
          {ROSTER_COLUMNS.map((column) => (
            <View key={column.key} className="roster-guide__row" role="row">
              <View className="roster-guide__cell roster-guide__column-name" role="rowheader">
                {column.header}
                {column.aliases.length > 0 && (
                  <View className="roster-guide__aliases">也可写作：{column.aliases.join('、')}</View>
                )}
              </View>
              <View className="roster-guide__cell roster-guide__cell--required" role="cell">
                {requirement(column.key, column.required)}
              </View>
              <View className="roster-guide__cell roster-guide__cell--wide" role="cell">
                {COLUMN_HELP[column.key]}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
