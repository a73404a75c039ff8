import { afterEach, describe, expect, it } from 'vitest';
import { configure, message, resetConfiguration } from '../../src/core/config.ts';
import { defaultMessages, type MessageKey } from '../../src/core/messages.ts';
import { translation, translationTables } from '../../src/core/translations.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(defaultMessages) as MessageKey[];

afterEach(() => resetConfiguration());

describe('translations', () => {
  it('ship the languages the widgets promise', () => {
    expect(Object.keys(translationTables).sort()).toEqual(['ar', 'de', 'es', 'fi', 'fr', 'he', 'nl', 'sv']);
  });

  for (const [language, source] of Object.entries(translationTables)) {
    it(`${language} has one line per message key, in the order of the English table`, () => {
      // The first line is the one after the opening backtick; nothing may follow the last key.
      expect(source.startsWith('\n'), `${language} starts on its own line`).toBe(true);
      expect(source.split('\n').slice(1)).toHaveLength(keys.length);
    });

    it(`${language} translates every visible string with the same placeholders`, () => {
      const table = translation(language)!;
      // Strings that are the same in every language (a formula) may stay English.
      const universal: MessageKey[] = ['quantityTimes'];
      expect(keys.filter((key) => !(key in table) && !universal.includes(key))).toEqual([]);
      for (const [key, text] of Object.entries(table) as [MessageKey, string][]) {
        expect(key in defaultMessages, `${language}.${key} is not a message key`).toBe(true);
        expect(placeholders(text), `${language}.${key}`).toEqual(placeholders(defaultMessages[key]));
        expect(text.trim()).not.toBe('');
      }
    });
  }

  it('picks the language from the locale, falling back to English', () => {
    expect(message('addToCart', 'de-AT')).toBe('In den Warenkorb');
    expect(message('addToCart', 'fr')).toBe('Ajouter au panier');
    expect(message('addToCart', 'SV-se')).toBe('Lägg i varukorgen');
    expect(message('addToCart', 'pt-BR')).toBe('Add to cart');
    expect(message('addToCart', 'constructor')).toBe('Add to cart');
    expect(message('addToCart')).toBe('Add to cart');
    expect(translation('hasOwnProperty')).toBeUndefined();
  });

  it('reads each line as the key in its place', () => {
    expect(message('buyAgainHeading', 'de')).toBe('Erneut kaufen');
    expect(message('cartLoaded', 'fi')).toBe('Ostoskori ladattu. Yhteensä {total}');
    expect(message('slideLabel', 'sv')).toMatch(/^\{index\} .+ \{count\}$/);
    // An empty line falls back to English.
    expect(message('quantityTimes', 'de')).toBe(defaultMessages.quantityTimes);
  });

  it('lets configure({ messages }) override a string in every language', () => {
    configure({ messages: { addToCart: 'Add' } });
    expect(message('addToCart', 'de')).toBe('Add');
    expect(message('retry', 'de')).toBe('Erneut versuchen');
  });
});
