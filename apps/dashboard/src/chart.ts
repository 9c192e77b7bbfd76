import { LineChart } from 'echarts/charts';
import type { LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

import type { SeriesResponse } from '@dx/contracts';

import { formatNumber, formatPeriod, formatValue } from './format';
import { Lang, t } from './i18n';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, MarkAreaComponent, SVGRenderer]);

const REORGANISATION = '2025-07-01';
const COLOURS = { actual: '#0b5cad', former: '#6b7280', trajectory: '#b45309', target: '#15803d' };

// A period's end as a time on the x axis (quarters and years are read where they close).
function periodEnd(period: string): number {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return Date.UTC(Number(quarter[1]), Number(quarter[2]) * 3, 0);
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return Date.UTC(Number(month[1]), Number(month[2]), 0);
  return Date.UTC(Number(period), 11, 31);
}

export interface ChartInput {
  series: SeriesResponse;
  /** The same code's values in the version before the reorganisation, when the unit has one. */
  former?: SeriesResponse;
  valueUnit: 'percent' | 'rank';
  indicatorName: string;
}

/** Draws values, the trajectory and the 2025/2030 targets; marks the 2025-07 reorganisation. */
export function drawSeriesChart(container: HTMLElement, input: ChartInput, lang: Lang): echarts.ECharts {
  const { series, former, valueUnit } = input;
  const existing = echarts.getInstanceByDom(container);
  const chart = existing ?? echarts.init(container, undefined, { renderer: 'svg' });
  const show = (v: number) => formatValue(v, valueUnit, lang);
  const points = (s: SeriesResponse) => s.points.filter((p) => p.value !== null).map((p) => [periodEnd(p.period), p.value, p.period]);
  const lines: LineSeriesOption[] = [];
  const legend: string[] = [];
  const actualName = t(lang, 'actual');
  const crossesReorganisation = former !== undefined && former.points.length > 0;
  if (crossesReorganisation) {
    const name = t(lang, 'formerUnit');
    legend.push(name);
    lines.push({
      name,
      type: 'line',
      data: points(former),
      symbolSize: 5,
      lineStyle: { type: 'dashed', color: COLOURS.former },
      itemStyle: { color: COLOURS.former },
    });
  }
  legend.push(actualName);
  lines.push({
    name: actualName,
    type: 'line',
    data: points(series),
    symbolSize: 6,
    lineStyle: { width: 3, color: COLOURS.actual },
    itemStyle: { color: COLOURS.actual },
    ...(crossesReorganisation
      ? {
          markLine: {
            symbol: 'none',
            silent: true,
            label: { formatter: t(lang, 'reorganisation'), position: 'insideEndTop' },
            lineStyle: { color: '#991b1b', type: 'solid' },
            data: [{ xAxis: Date.parse(REORGANISATION) }],
          },
        }
      : {}),
  });
  const trajectoryName = t(lang, 'trajectory');
  legend.push(trajectoryName);
  lines.push({
    name: trajectoryName,
    type: 'line',
    data: series.trajectory.map((p) => [periodEnd(p.period), p.expected, p.period]),
    symbol: 'none',
    lineStyle: { type: 'dotted', width: 2, color: COLOURS.trajectory },
    itemStyle: { color: COLOURS.trajectory },
  });
  for (const target of series.targets) {
    const name = t(lang, 'targetYear', { year: target.year });
    legend.push(name);
    lines.push({
      name,
      type: 'line',
      data: [[periodEnd(String(target.year)), target.value, String(target.year)]],
      symbol: 'diamond',
      symbolSize: 14,
      itemStyle: { color: COLOURS.target },
      markLine: {
        symbol: 'none',
        silent: true,
        label: { formatter: `${name}: ${show(target.value)}`, position: 'insideStartTop' },
        lineStyle: { color: COLOURS.target, type: 'dashed' },
        data: [{ yAxis: target.value }],
      },
    });
  }
  chart.setOption(
    {
      aria: { enabled: true },
      animation: false,
      grid: { left: 16, right: 24, top: 56, bottom: 24, containLabel: true },
      legend: { data: legend, top: 0, type: 'scroll' },
      tooltip: {
        trigger: 'item',
        formatter: (item: { seriesName: string; data: [number, number, string] }) =>
          `${item.seriesName}<br/>${formatPeriod(item.data[2], lang)}: ${show(item.data[1])}`,
      },
      xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', inverse: valueUnit === 'rank', scale: true, axisLabel: { formatter: (v: number) => formatNumber(v, lang) } },
      series: lines,
    },
    { notMerge: true },
  );
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', t(lang, 'chartLabel', { indicator: input.indicatorName, unit: series.unitName }));
  container.dataset.series = legend.join('|');
  return chart;
}
