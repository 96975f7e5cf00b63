import { afterEach, describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';
import { formatDate, formatDay, formatNumber } from '@/lib/format';

import { formatKpi, ticks } from './format';

afterEach(async () => {
  await i18n.changeLanguage('de');
});

describe('figures follow the UI language, not the browser', () => {
  it('formats numbers, ratios, clicks per share and money in German', async () => {
    await i18n.changeLanguage('de');
    expect(formatNumber(12345.678, 2)).toBe('12.345,68');
    expect(formatKpi(0.153, 'ratio')).toBe('15,3\u00a0%');
    expect(formatKpi(2.5, 'number')).toBe('2,5'); // clicks per share: a number, not 250 %
    expect(formatKpi(1234, 'currency', 'EUR')).toBe('1.234\u00a0€');
    expect(formatDate('2026-03-29')).toBe('29.03.2026');
    expect(formatDay('2026-10-25')).toBe('25.10.');
  });

  it('switches with the UI language', async () => {
    await i18n.changeLanguage('en');
    expect(formatNumber(12345.678, 2)).toBe('12,345.68');
    expect(formatKpi(0.153, 'ratio')).toBe('15.3%');
    expect(formatKpi(2.5, 'number')).toBe('2.5');
    expect(formatDate('2026-03-29')).toBe('29 Mar 2026');
  });
});

describe('chart axes', () => {
  it.each([1, 7, 10, 11, 99, 100, 101, 0.4, 2400])('reach above the maximum %s', (max) => {
    const axis = ticks(max);
    expect(axis[0]).toBe(0);
    expect(axis[axis.length - 1]).toBeGreaterThan(max);
    expect(axis.length).toBeLessThanOrEqual(12);
  });
});
