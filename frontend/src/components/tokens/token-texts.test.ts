import { describe, expect, it } from 'vitest';

import de from '@/locales/de.json';
import en from '@/locales/en.json';
import { TOKEN_TEXT_KEYS } from '@/components/tokens/token-texts';

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('token texts', () => {
  it.each(['tokens', 'scimTokens'])('every text the shared token list uses exists for %s in German and English', (texts) => {
    const missing = TOKEN_TEXT_KEYS.flatMap((key) =>
      [de, en].filter((locale) => typeof lookup(locale, `${texts}.${key}`) !== 'string').map(() => `${texts}.${key}`),
    );
    expect(missing).toEqual([]);
  });
});
