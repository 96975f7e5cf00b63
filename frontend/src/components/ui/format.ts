/** Dates for UI components: the shared helper of lib/format (the UI language, never the browser's locale). */
export { formatDate, formatDateTime } from '@/lib/format';
