/** Application-wide constants. */
export const LANGUAGE_STORAGE_KEY = 'sichtbar.language';
export const SUPPORTED_LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'de';
export const DEFAULT_PAGE_SIZE = 20;
/** The organisation endpoints allow page_size up to 100; pickers load one full page. */
export const MAX_PAGE_SIZE = 100;
export const ROLES = ['employee', 'manager', 'admin'] as const;
