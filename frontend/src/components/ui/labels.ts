import type { TFunction } from 'i18next';

import type { Role } from '@/lib/api/types';

/** Translated role name; the schema marks role optional, so a missing one shows a dash. */
export function roleLabel(t: TFunction, role: Role | undefined): string {
  return role ? t(`roles.${role}`) : '–';
}
