import { defaultPeriod, type Period } from '@shared/stats/period';
import type { StatsCore } from '@shared/stats/stats.schema';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { FilterChips } from '@/components/FilterChips';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { goBack, PAGES } from '@/services/navigation';
import { ApiError } from '@/services/request';
import {
  type CommunityStats,
  communityStats,
  downloadLedger,
  ledgerFileName,
  listStatsScopes,
  type ReportScope,
  type StatsScopes,
  type SubDistrictStats,
  subDistrictStats,
} from '@/services/stats';
import {
  categoryChartHeight,
  categoryOption,
  communityComparisonOption,
  monthlyTopicsOption,
} from '../charts/chart-options';
import { NumberTile } from '../components/NumberTile';
import { PeriodPicker } from '../components/PeriodPicker';
import { StatChart } from '../components/StatChart';
import { type ReportChoice, reportChoices, scopeFromParams } from '../report-scope';
import { percentWords, statTiles } from '../stats-words';
import './index.css';

type Load =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; scopes: StatsScopes };

/** 统计与台账: the dashboards of a community or a sub-district, with the ledger's export and print view. */
export default function StatsPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [params] = useState(() => Taro.getCurrentInstance()?.router?.params ?? {});
  const [choiceKey, setChoiceKey] = useState<string | undefined>(undefined);
  const [period, setPeriod] = useState<Period>(() => defaultPeriod());

  useEffect(() => {
    listStatsScopes({ showErrorToast: false })
      .then((scopes) => {
        if (scopes.communities.length === 0 && scopes.subDistricts.length === 0) setLoad({ kind: 'none' });
        else setLoad({ kind: 'ready', scopes });
      })
      .catch((error: unknown) =>
        setLoad({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败，请稍后重试' }),
      );
  }, []);

  const choices = useMemo(() => (load.kind === 'ready' ? reportChoices(load.scopes) : []), [load]);
  const choice = useMemo(() => {
    if (choices.length === 0) return undefined;
    const wanted = choiceKey ?? scopeFromParams(params, choices)?.key;
    return choices.find((c) => c.key === wanted) ?? choices[0];
  }, [choices, choiceKey, params]);

  if (load.kind !== 'ready' || !choice) {
    return (
      <PageLayout title="统计与台账" intro="查看议题办理、议事会和居民参与情况，导出台账。">
        {load.kind === 'loading' && <Notice>正在读取您可以查看的社区…</Notice>}
        {load.kind === 'none' && (
          <Notice tone="warning" title="没有可以查看的社区">
            统计与台账仅供社区工作者和街道工作人员使用。如需开通，请联系社区居委会或街道。
          </Notice>
        )}
        {load.kind === 'failed' && (
          <Notice tone="danger" title="没能加载" live="alert">
            {load.message}
          </Notice>
        )}
        <ActionButton variant="secondary" onClick={() => goBack(PAGES.me)}>
          返回
        </ActionButton>
      </PageLayout>
    );
  }

  return (
    <PageLayout title="统计与台账" intro="按期间查看议题办理、议事会和居民参与情况，导出或打印台账报街道。">
      {choices.length > 1 ? (
        <FilterChips
          label="查看范围"
          showLabel
          chips={choices.map((c) => ({ value: c.key, label: c.label }))}
          value={choice.key}
          onChange={setChoiceKey}
        />
      ) : null}
      <PeriodPicker period={period} onChange={setPeriod} />
      <Dashboard choice={choice} period={period} />
      <ActionButton variant="secondary" onClick={() => goBack(PAGES.me)}>
        返回
      </ActionButton>
    </PageLayout>
  );
}

type Data = { kind: 'community'; data: CommunityStats } | { kind: 'sub_district'; data: SubDistrictStats };

function Dashboard({ choice, period }: { choice: ReportChoice; period: Period }) {
  const [data, setData] = useState<Data | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const scope: ReportScope = choice.scope;

  const refresh = useCallback(async () => {
    setError(null);
    try {
      if (scope.kind === 'community') {
        setData({ kind: 'community', data: await communityStats(scope.id, period, { showErrorToast: false }) });
      } else {
        setData({ kind: 'sub_district', data: await subDistrictStats(scope.id, period, { showErrorToast: false }) });
      }
    } catch (caught) {
      setData(undefined);
      setError(caught instanceof ApiError ? caught.message : '加载失败，请稍后重试');
    }
  }, [scope.kind, scope.id, period]);

  useEffect(() => {
    setData(undefined);
    void refresh();
  }, [refresh]);

  const exportLedger = async () => {
    setExporting(true);
    try {
      await downloadLedger(scope, period, ledgerFileName(choice.name, period));
    } catch {
      // downloadLedger has shown the reason.
    } finally {
      setExporting(false);
    }
  };
  const printUrl = `/stats/ledger/index?${scope.kind === 'community' ? 'communityId' : 'subDistrictId'}=${scope.id}&from=${period.from}&to=${period.to}`;

  const stats: StatsCore | undefined =
    data?.kind === 'community' ? data.data.stats : data?.kind === 'sub_district' ? data.data.totals : undefined;

  return (
    <View className="stats-dashboard">
      {error ? (
        <Notice tone="danger" title="没能加载统计" live="alert">
          {error}
        </Notice>
      ) : null}
      {!stats && !error ? <Notice>正在统计…</Notice> : null}
      {stats ? (
        <>
          <View className="stats-dashboard__heading" role="heading" aria-level={2}>
            {choice.scope.kind === 'sub_district'
              ? `${choice.name}（${data?.kind === 'sub_district' ? data.data.communities.length : 0} 个社区合计）`
              : choice.name}
          </View>
          <View className="stats-dashboard__tiles">
            {statTiles(stats).map((tile) => (
              <NumberTile key={tile.key} label={tile.label} value={tile.value} explanation={tile.explanation} />
            ))}
          </View>
          <View className="stats-dashboard__charts">
            <StatChart
              title="每月提交的议题（按办理情况）"
              option={monthlyTopicsOption(stats.topics)}
              summary={stats.topics.byMonth.map((m) => `${m.month} ${m.submitted} 件`).join('，')}
              empty={stats.topics.submitted === 0 ? '这段时间没有居民提交议题' : null}
            />
            <StatChart
              title="议题分类"
              option={categoryOption(stats.topics)}
              height={categoryChartHeight(stats.topics)}
              summary={stats.topics.byCategory.map((c) => `${c.label} ${c.count} 件`).join('，')}
              empty={stats.topics.submitted === 0 ? '暂无议题' : null}
            />
          </View>
          {stats.topics.byStatus.length > 0 ? (
            <Section title="议题现在的状态" description="期间内提交的议题，到今天为止办到了哪一步。">
              <View className="stats-dashboard__status-list">
                {stats.topics.byStatus.map((row) => (
                  <View key={row.key} className="stats-dashboard__status-row">
                    <View>{row.label}</View>
                    <View className="stats-dashboard__status-count">{row.count} 件</View>
                  </View>
                ))}
              </View>
            </Section>
          ) : null}
          {data?.kind === 'sub_district' ? <CommunityTable stats={data.data} /> : null}
        </>
      ) : null}
      <Section
        title="台账"
        description="台账包括议题、议事会、表决、三社联动项目四张表和统计汇总，可以导出 Excel 或打印存档。"
      >
        <ActionButton onClick={() => void exportLedger()} loading={exporting}>
          {process.env.TARO_ENV === 'h5' ? '导出 Excel 台账' : '下载并打开 Excel 台账'}
        </ActionButton>
        <ActionButton variant="secondary" onClick={() => void Taro.navigateTo({ url: printUrl })}>
          查看打印版台账
        </ActionButton>
      </Section>
    </View>
  );
}

function CommunityTable({ stats }: { stats: SubDistrictStats }) {
  const rows = [
    ...stats.communities.map((c) => ({ name: c.community.name, s: c.stats })),
    { name: '合计', s: stats.totals },
  ];
  return (
    <>
      <StatChart
        title="各社区对比"
        option={communityComparisonOption(stats)}
        height={300}
        summary={stats.communities
          .map((c) => `${c.community.name} 办结率 ${percentWords(c.stats.topics.shareResolved)}`)
          .join('，')}
        empty={stats.communities.length === 0 ? '本街道还没有社区' : null}
      />
      <Section title="各社区情况">
        <View className="stats-table" role="table" aria-label="各社区情况">
          <View className="stats-table__row stats-table__row--head" role="row">
            {['社区', '议题', '办结率', '出席率', '参与率', '满意率'].map((h) => (
              <View key={h} className="stats-table__cell" role="columnheader">
                {h}
              </View>
            ))}
          </View>
          {rows.map(({ name, s }) => (
            <View
              key={name}
              className={`stats-table__row${name === '合计' ? ' stats-table__row--total' : ''}`}
              role="row"
            >
              <View className="stats-table__cell" role="cell">
                {name}
              </View>
              <View className="stats-table__cell" role="cell">
                {s.topics.submitted}
              </View>
              <View className="stats-table__cell" role="cell">
                {percentWords(s.topics.shareResolved)}
              </View>
              <View className="stats-table__cell" role="cell">
                {percentWords(s.meetings.attendance)}
              </View>
              <View className="stats-table__cell" role="cell">
                {percentWords(s.participation)}
              </View>
              <View className="stats-table__cell" role="cell">
                {percentWords(s.satisfaction)}
              </View>
            </View>
          ))}
        </View>
      </Section>
    </>
  );
}
