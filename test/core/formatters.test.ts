import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat, relativeTimeFormat } from '../../src/core/formatters.ts';

describe('formatters', () => {
  it('makes one Intl formatter per locale and option set, and shares it', () => {
    expect(numberFormat('de-DE')).toBe(numberFormat('de-DE'));
    expect(numberFormat('de-DE', { style: 'currency', currency: 'EUR' })).toBe(
      numberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
    );
    expect(numberFormat('de-DE', { style: 'currency', currency: 'EUR' })).not.toBe(
      numberFormat('de-DE', { style: 'currency', currency: 'USD' }),
    );
    expect(numberFormat('de-DE')).not.toBe(numberFormat('fr-FR'));
    expect(numberFormat('de-DE').format(1234.5)).toBe('1.234,5');
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
    expect(dateTimeFormat('en-GB', options)).toBe(dateTimeFormat('en-GB', { dateStyle: 'medium' }));
    expect(dateTimeFormat('en-GB', options)).not.toBe(
      dateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    );
    expect(dateTimeFormat('en-GB', options).format(new Date(Date.UTC(2024, 0, 15, 12)))).toBe('15 Jan 2024');
    expect(relativeTimeFormat('de-DE', { numeric: 'auto' })).toBe(relativeTimeFormat('de-DE', { numeric: 'auto' }));
    expect(relativeTimeFormat('de-DE', { numeric: 'auto' })).not.toBe(relativeTimeFormat('de-DE', {}));
    expect(relativeTimeFormat('de-DE', { numeric: 'auto' }).format(-1, 'day')).toBe('gestern');
  });

  it('formats in English where Intl refuses the locale', () => {
    expect(numberFormat('not a locale!').format(1234.5)).toBe('1,234.5');
    expect(dateTimeFormat('-x-', { year: 'numeric' }).format(new Date(Date.UTC(2024, 5, 1)))).toBe('2024');
    expect(relativeTimeFormat('-x-', { numeric: 'auto' }).format(-5, 'minute')).toBe('5 minutes ago');
  });
});
