import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  configure,
  message,
  onConfigure,
  pageDefault,
  resetConfiguration,
  resolveOption,
} from '../../src/core/config.ts';
import { defaultMessages, formatMessage, listMessages } from '../../src/core/messages.ts';
import { addMessages } from '../../src/core/translations.ts';

afterEach(() => resetConfiguration());

// As the carousel does when it is constructed.
addMessages(1, listMessages);

describe('resolveOption', () => {
  it('takes the attribute over configure() over the built-in default', () => {
    expect(resolveOption<string | undefined>(undefined, 'locale', 'en')).toBe('en');
    configure({ locale: 'de-DE' });
    expect(resolveOption<string | undefined>(undefined, 'locale', 'en')).toBe('de-DE');
    expect(resolveOption<string | null>(null, 'locale', 'en')).toBe('de-DE');
    expect(resolveOption('fr-FR', 'locale', 'en')).toBe('fr-FR');
  });

  it('treats an empty attribute as unset, but keeps a 0 or false attribute', () => {
    configure({ proxyUrl: 'https://proxy.example', cacheTtl: 300 });
    expect(resolveOption('', 'proxyUrl', '')).toBe('https://proxy.example');
    expect(resolveOption(0, 'cacheTtl', 300)).toBe(0);
    expect(resolveOption(false, 'showUnavailable', true)).toBe(false);
  });

  it('trims text, and treats text of spaces only as unset, from an attribute or a page default', () => {
    configure({ proxyUrl: ' https://proxy.example ', siteToken: '   ' });
    expect(resolveOption('  ', 'proxyUrl', '')).toBe('https://proxy.example');
    expect(resolveOption(' fr-FR\n', 'locale', 'en')).toBe('fr-FR');
    expect(resolveOption(undefined, 'siteToken', 'built-in')).toBe('built-in');
  });

  it('ignores an empty or undefined page default', () => {
    configure({ siteToken: '', customerToken: undefined });
    expect(resolveOption(undefined, 'siteToken', 'built-in')).toBe('built-in');
    expect(resolveOption(undefined, 'customerToken', 'built-in')).toBe('built-in');
  });

  it('merges later configure() calls into earlier ones', () => {
    configure({ siteToken: 'site_1', locale: 'de-DE' });
    configure({ locale: 'sv-SE' });
    expect(pageDefault('siteToken')).toBe('site_1');
    expect(pageDefault('locale')).toBe('sv-SE');
  });
});

describe('messages', () => {
  it('are the built-in English by default', () => {
    expect(message('retry')).toBe('Retry');
    expect(message('buyAgainHeading')).toBe(defaultMessages.buyAgainHeading);
  });

  it('configure({ messages }) overrides one string and keeps the others', () => {
    configure({ messages: { retry: 'Erneut versuchen' } });
    expect(message('retry')).toBe('Erneut versuchen');
    expect(message('addToCart')).toBe('Add to cart');
    configure({ messages: { addToCart: 'In den Warenkorb' } });
    expect(message('retry')).toBe('Erneut versuchen');
    expect(message('addToCart')).toBe('In den Warenkorb');
    configure({ locale: 'de-DE' });
    expect(message('retry')).toBe('Erneut versuchen');
  });

  it('resetConfiguration() brings the built-in strings back', () => {
    configure({ messages: { retry: 'Nochmal' }, locale: 'de-DE' });
    resetConfiguration();
    expect(message('retry')).toBe('Retry');
    expect(pageDefault('locale')).toBeUndefined();
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(formatMessage(defaultMessages.boughtTimes, { count: 3 })).toBe('Bought 3 times');
    expect(formatMessage('{name} added, {missing}', { name: 'Tea' })).toBe('Tea added, {missing}');
  });
});

describe('onConfigure', () => {
  it('calls listeners after every configure() and reset, until stopped', () => {
    // A listener sees the new value: de-DE after configure(), nothing after the reset.
    const seen: unknown[] = [];
    const listener = vi.fn(() => seen.push(pageDefault('locale')));
    const stop = onConfigure(listener);
    configure({ locale: 'de-DE' });
    expect(listener).toHaveBeenCalledTimes(1);
    resetConfiguration();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(seen).toEqual(['de-DE', undefined]);
    stop();
    configure({ locale: 'de-DE' });
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
