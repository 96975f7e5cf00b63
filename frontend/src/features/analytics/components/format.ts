import type { Kpi } from '@/features/analytics/api/analytics';


export function formatKpi(value: number | null | undefined, unit: Kpi['unit'], currency = 'EUR'): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'ratio') return `${formatNumber(value * 100, 1)} %`;
  if (unit === 'currency') {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
  }
  if (unit === 'hours') return `${formatNumber(value, 1)} h`;
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

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value);
}
