import type { Period } from '@shared/stats/period';
import { Picker, View } from '@tarojs/components';
import { useState } from 'react';
import { FilterChips } from '@/components/FilterChips';
import {
  checkCustomPeriod,
  PERIOD_PRESETS,
  type PeriodPreset,
  periodWords,
  presetOf,
  presetPeriod,
} from '../../period-presets';
import './index.css';

interface PeriodPickerProps {
  period: Period;
  onChange: (period: Period) => void;
}

/** 统计期间: a row of common periods, and two date pickers for any other. */
export function PeriodPicker({ period, onChange }: PeriodPickerProps) {
  const [preset, setPreset] = useState<PeriodPreset>(() => presetOf(period));
  const [problem, setProblem] = useState<string | null>(null);

  const choose = (value: PeriodPreset) => {
    setPreset(value);
    setProblem(null);
    if (value !== 'custom') onChange(presetPeriod(value));
  };
  const pick = (which: 'from' | 'to', day: string) => {
    const next = which === 'from' ? { from: day, to: period.to } : { from: period.from, to: day };
    const check = checkCustomPeriod(next.from, next.to);
    if (check.ok) {
      setProblem(null);
      onChange(check.period);
    } else {
      setProblem(check.message);
    }
  };

  return (
    <View className="period-picker">
      <FilterChips label="统计期间" showLabel chips={PERIOD_PRESETS} value={preset} onChange={choose} />
      {preset === 'custom' ? (
        <View className="period-picker__custom">
          <Picker mode="date" value={period.from} onChange={(e) => pick('from', String(e.detail.value))}>
            <View className="period-picker__day" role="button" aria-label={`开始日期 ${period.from}，点按修改`}>
              <View className="period-picker__day-label">开始日期</View>
              <View className="period-picker__day-value">{period.from}</View>
            </View>
          </Picker>
          <Picker mode="date" value={period.to} onChange={(e) => pick('to', String(e.detail.value))}>
            <View className="period-picker__day" role="button" aria-label={`结束日期 ${period.to}，点按修改`}>
              <View className="period-picker__day-label">结束日期</View>
              <View className="period-picker__day-value">{period.to}</View>
            </View>
          </Picker>
        </View>
      ) : null}
      {problem ? (
        <View className="period-picker__problem" role="alert">
          {problem}
        </View>
      ) : (
        <View className="period-picker__words">{periodWords(period)}</View>
      )}
    </View>
  );
}
