import { afterEach, describe, expect, it, vi } from 'vitest';
import { warn } from '../../src/core/errors.ts';

/**
 * `warn` as the development build has it (the tests run the source in development): each code the
 * warning names gets its full text once, below the warning's own arguments. The production files'
 * warnings (the codes alone) are tested where those files are loaded: test/dist/registration.browser.test.ts.
 */
describe('warn in development', () => {
  afterEach(() => vi.restoreAllMocks());

  it('adds the full text of each code the warning names, once each, in their order', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const cause = new Error('offline');
    warn('storefront-widgets: SW50 <buy-again-list>, SW50 <cart-summary>, SW51 <shop-cart>', cause);
    expect(spy.mock.calls).toEqual([
      [
        'storefront-widgets: SW50 <buy-again-list>, SW50 <cart-summary>, SW51 <shop-cart>',
        cause,
        '\nSW50: a tag not registered because the page already has that name ' +
          "(another library's, or this library loaded twice: the first stays)" +
          '\nSW51: a tag not registered because the app registered its class under a name of its own, ' +
          'which stays the one to use',
      ],
    ]);
  });

  it('passes a warning that names none of our codes as it is, and reads codes in the first argument only', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    warn('<cart-summary> http 500 from https://giosg.test/api: Product not found');
    // A vendor's own message that looks like a code.
    warn('<cart-summary> http 409 from https://giosg.test/api: SW99 locked, SW24X');
    warn('<buy-again-list> http 500: db01 down', 'SW24');
    expect(spy.mock.calls).toEqual([
      ['<cart-summary> http 500 from https://giosg.test/api: Product not found'],
      ['<cart-summary> http 409 from https://giosg.test/api: SW99 locked, SW24X'],
      ['<buy-again-list> http 500: db01 down', 'SW24'],
    ]);
  });
});
