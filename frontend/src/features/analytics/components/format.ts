import type { Kpi } from '@/features/analytics/api/analytics';
import { formatCurrency, formatNumber, formatPercent } from '@/lib/format';

export { formatNumber } from '@/lib/format';

/** A KPI by its unit: counts whole, numbers (clicks per share) with two decimals, ratios as percentages. */
export function formatKpi(value: number | null | undefined, unit: Kpi['unit'], currency = 'EUR'): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'ratio') return formatPercent(value, 1);
  if (unit === 'currency') return formatCurrency(value, currency);
  if (unit === 'hours') return `${formatNumber(value, 1)} h`;
  if (unit === 'number') return formatNumber(value, 2);
  return formatNumber(value, value % 1 === 0 ? 0 : 2);
}

export function isoDay(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 10);
}

export function daysBefore(days: number, from = new Date()): string {
  const date = new Date(from);
  date.setDate(date.getDate() - days);
  return isoDay(date);
}

/** Axis ticks from 0 in round steps, the last one above the maximum (a peak never touches the top). */
export function ticks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const step = 10 ** Math.floor(Math.log10(max));
  const nice = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const result: number[] = [];
  let tick = 0;
  for (let value = 0; tick <= max; value += nice) {
    tick = Math.round(value * 100) / 100;
    result.push(tick);
  }
  return result;
}
