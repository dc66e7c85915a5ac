import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface PrintColumn<Row> {
  header: string;
  /** Relative width (table layout): wider for titles. */
  width?: string;
  cell: (row: Row) => ReactNode;
}

/** A bordered table that keeps its rows whole on paper (Views with table display, so it renders on both platforms). */
export function PrintTable<Row>({
  label,
  columns,
  rows,
  rowKey,
}: {
  label: string;
  columns: PrintColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
}) {
  return (
    // On a phone the table scrolls sideways: keyboard users reach it too.
    <View
      className="print-table__scroller"
      role="region"
      aria-label={`${label}（可左右滑动查看）`}
      {...(process.env.TARO_ENV === 'h5' ? { tabIndex: 0 } : {})}
    >
      <View className="print-table" role="table" aria-label={label}>
        <View className="print-table__row print-table__row--head" role="row">
          {columns.map((c) => (
            <View
              key={c.header}
              className="print-table__cell"
              role="columnheader"
              style={c.width ? { width: c.width } : undefined}
            >
              {c.header}
            </View>
          ))}
        </View>
        {rows.map((row) => (
          <View key={rowKey(row)} className="print-table__row" role="row">
            {columns.map((c) => (
              <View key={c.header} className="print-table__cell" role="cell">
                {c.cell(row)}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
