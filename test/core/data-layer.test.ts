import { describe, expect, it } from 'vitest';
import { majorUnits } from '../../src/core/analytics.ts';
import { consentModeState } from '../../src/core/data-layer.ts';

/** What gtag() pushes: its arguments object. */
function gtag(...args: unknown[]): IArguments {
  return (function (..._all: unknown[]) {
    // eslint-disable-next-line prefer-rest-params
    return arguments;
  })(...args);
}

describe('consentModeState', () => {
  it('knows nothing without consent commands', () => {
    expect(consentModeState([])).toBe(undefined);
    expect(
      consentModeState([
        { event: 'gtm.js' },
        'consent',
        null,
        ['config', 'G-1'],
        gtag('consent', 'default', { ad_storage: 'granted' }),
      ]),
    ).toBe(undefined);
  });

  it("takes the last update as the shopper's choice, whatever the defaults", () => {
    expect(
      consentModeState([
        gtag('consent', 'default', { analytics_storage: 'denied' }),
        gtag('consent', 'update', { analytics_storage: 'granted' }),
      ]),
    ).toBe('granted');
    expect(
      consentModeState([
        gtag('consent', 'update', { analytics_storage: 'granted' }),
        gtag('consent', 'update', { analytics_storage: 'denied' }),
      ]),
    ).toBe('denied');
    expect(
      consentModeState([
        gtag('consent', 'update', { analytics_storage: 'denied' }),
        gtag('consent', 'default', { analytics_storage: 'granted' }),
      ]),
    ).toBe('denied');
    // Plain arrays, as some consent tools push, count too.
    expect(consentModeState([['consent', 'update', { analytics_storage: 'granted' }]])).toBe('granted');
  });

  it('treats a denied default as "not chosen yet" (wait), and a granted one for every region as granted', () => {
    expect(consentModeState([gtag('consent', 'default', { analytics_storage: 'denied' })])).toBe(undefined);
    expect(consentModeState([gtag('consent', 'default', { analytics_storage: 'granted', wait_for_update: 500 })])).toBe(
      'granted',
    );
  });

  it(
    "does not guess the shopper's region: a default denied anywhere, or granted only somewhere, " + 'does not grant',
    () => {
      expect(
        consentModeState([
          gtag('consent', 'default', { analytics_storage: 'granted' }),
          gtag('consent', 'default', { analytics_storage: 'denied', region: ['DE', 'FR'] }),
        ]),
      ).toBe(undefined);
      expect(consentModeState([gtag('consent', 'default', { analytics_storage: 'granted', region: ['US'] })])).toBe(
        undefined,
      );
    },
  );

  it('ignores values that are not granted or denied', () => {
    expect(
      consentModeState([
        gtag('consent', 'update', { analytics_storage: 'yes' }),
        gtag('consent', 'update', 'granted'),
        gtag('consent', 'update'),
      ]),
    ).toBe(undefined);
  });
});

describe('majorUnits', () => {
  it('turns exact minor units into the GA4 number, per currency', () => {
    expect(majorUnits({ amount: 1999, currency: 'USD' })).toBe(19.99);
    expect(majorUnits({ amount: 1, currency: 'EUR' })).toBe(0.01);
    expect(majorUnits({ amount: 1500, currency: 'JPY' })).toBe(1500);
    expect(majorUnits({ amount: 12345, currency: 'KWD' })).toBe(12.345);
    expect(majorUnits({ amount: -250, currency: 'SEK' })).toBe(-2.5);
    expect(String(majorUnits({ amount: 900719925474099, currency: 'USD' }))).toBe('9007199254740.99');
  });
});
