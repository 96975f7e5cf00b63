import type { TFunction } from 'i18next';

import { isApiError, NETWORK_ERROR_CODE } from '@/lib/api-error';

/** The text to show for any error: server message first, then a translated fallback. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.hasServerMessage) return error.message;
    if (error.code === NETWORK_ERROR_CODE) return t('errors.network');
    if (error.status === 429) return t('errors.throttled');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
  }
  return t('errors.generic');
}

/** Per-field messages from a failed request (empty when there is none). */
export function fieldErrors(error: unknown, field: string): string[] {
  return isApiError(error) ? error.fieldMessages(field) : [];
}
