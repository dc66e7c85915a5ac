import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the dashboards draw (bar charts, grid, legend,
 * tooltip, canvas), so the stats subpackage stays small. Canvas works on the
 * web and in the mini-program (taro-react-echarts supplies WeChat's canvas).
 */
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
