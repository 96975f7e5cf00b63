/**
 * Labels for the codes the API sends, in the UI language: every code shown to a person goes through
 * here or through its feature's own translation keys, never raw ("de", "customers", "linkedin").
 * Language names come from the browser's CLDR data (Intl.DisplayNames) in the UI language.
 */
import type { TFunction } from 'i18next';

import { uiLocale } from '@/lib/format';
import { i18n } from '@/lib/i18n';

const NETWORK_KEYS = ['linkedin', 'xing', 'mastodon', 'x', 'facebook', 'email', 'blog', 'linkedin_archive'] as const;
export type NetworkCode = (typeof NETWORK_KEYS)[number];

function isNetwork(value: string): value is NetworkCode {
  return (NETWORK_KEYS as readonly string[]).includes(value);
}

/** "linkedin" → "LinkedIn", "email" → "E-Mail" / "Email", "linkedin_archive" → "LinkedIn-Datenexport". */
export function networkLabel(t: TFunction, network: string): string {
  return isNetwork(network) ? t(`codes.networks.${network}`) : t('codes.unknown');
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** "de" → "Deutsch" in a German UI, "German" in an English one; "pt-BR" → "Portugiesisch (Brasilien)". */
export function languageName(code: string): string {
  const locale = uiLocale();
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    displayNames.set(locale, names);
  }
  try {
    const name = names.of(code);
    if (name) return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    // Not a language tag: fall through.
  }
  return i18n.t('codes.unknownLanguage');
}

export const AVAILABILITY_CODES = ['press', 'talks', 'customers', 'mentoring'] as const;
export type AvailabilityCode = (typeof AVAILABILITY_CODES)[number];

/** "customers" → "Kundenfragen" / "Customer questions". */
export function availabilityLabel(t: TFunction, kind: string): string {
  return (AVAILABILITY_CODES as readonly string[]).includes(kind)
    ? t(`experts.availability.${kind as AvailabilityCode}`)
    : t('codes.unknown');
}
