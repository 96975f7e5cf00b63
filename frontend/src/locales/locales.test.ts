import { describe, expect, it } from 'vitest';

import de from '@/locales/de.json';
import en from '@/locales/en.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  it('de and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });

  it('has no empty translations', () => {
    const empty = [de, en].flatMap((locale) =>
      keys(locale).filter((key) => {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], locale);
        return typeof text !== 'string' || text.trim() === '';
      }),
    );
    expect(empty).toEqual([]);
  });
});
