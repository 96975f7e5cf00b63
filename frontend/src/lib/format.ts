/** The one formatting helper for figures and dates: always in the UI language (i18n), never the browser's locale. */
import { currentLanguage } from '@/lib/i18n';

const LOCALES = { de: 'de-DE', en: 'en-GB' } as const;

export function uiLocale(): string {
  return LOCALES[currentLanguage()];
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(uiLocale(), { maximumFractionDigits: digits }).format(value);
}

/** A decimal with exactly `digits` decimals (rates, prices), e.g. 5.5 → "5,50". */
export function formatDecimal(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(uiLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A share (0–1) as a percentage, e.g. 0.153 → "15,3 %" in German. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(uiLocale(), { style: 'percent', maximumFractionDigits: digits }).format(value);
}

export function formatCurrency(value: number | null | undefined, currency = 'EUR'): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(uiLocale(), { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A date; a calendar day ("2026-03-29", as the API sends days) stays that day in every time zone. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = isDay ? calendarDay(value) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', ...(isDay ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** A calendar day ("2026-03-29", as the API sends them) short, e.g. "29.03." / "29/03", without time-zone shifts. */
export function formatDay(value: string): string {
  const day = calendarDay(value);
  if (Number.isNaN(day.getTime())) return value;
  return new Intl.DateTimeFormat(uiLocale(), { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(day);
}

function calendarDay(value: string): Date {
  return new Date(`${value.slice(0, 10)}T00:00:00Z`);
}
