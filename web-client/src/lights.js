import { t } from './i18n.js'

export const LIGHTS = ['GREEN', 'YELLOW', 'RED']
export const LIGHT_COLORS = { GREEN: '#2e7d32', YELLOW: '#e6a23c', RED: '#c62828' }

/** A stacked bar chart of green/yellow/red counts per category (each item {label, green, yellow, red}). */
export function stackedLights(items, horizontal = false) {
  const categories = items.map((i) => i.label)
  const category = { type: 'category', data: categories, axisLabel: { interval: 0, width: 110, overflow: 'truncate' } }
  const value = { type: 'value', minInterval: 1 }
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
    xAxis: horizontal ? value : { ...category, axisLabel: { ...category.axisLabel, rotate: 30 } },
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: LIGHTS.map((light) => ({
      name: t('lights.' + light),
      type: 'bar',
      stack: 'lights',
      itemStyle: { color: LIGHT_COLORS[light] },
      data: items.map((i) => i[light.toLowerCase()]),
    })),
  }
}

export function countLights(rows) {
  const counts = { green: 0, yellow: 0, red: 0 }
  for (const r of rows) counts[r.light.toLowerCase()] += 1
  return counts
}
