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

/** Separator and order of a typed date in the UI language: "11.07.2026" (de), "11/07/2026" (en-GB). */
const DAY_SEPARATOR = { de: '.', en: '/' } as const;

/** A calendar day ("2026-07-11") as the UI language writes it in a form field: "11.07.2026" / "11/07/2026". */
export function formatDayInput(value: string | null | undefined): string {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return '';
  const [year, month, day] = value.slice(0, 10).split('-');
  const separator = DAY_SEPARATOR[currentLanguage()];
  return `${day ?? ''}${separator}${month ?? ''}${separator}${year ?? ''}`;
}

/**
 * A typed date in the UI language's order (day, month, year; ".", "/" or "-" between; two-digit years are
 * 20xx) or as ISO ("2026-07-11") → "2026-07-11"; `null` when it is no real calendar day.
 */
export function parseDayInput(text: string): string | null {
  const value = text.trim();
  let parts: [number, number, number] | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const local = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(value);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (local) {
    const year = Number(local[3]);
    parts = [local[3]?.length === 2 ? 2000 + year : year, Number(local[2]), Number(local[1])];
  }
  if (!parts) return null;
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A typed time "9:30" / "09.30" / "0930" → "09:30"; `null` when it is no time of day. */
export function parseTimeInput(text: string): string | null {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
