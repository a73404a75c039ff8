import { afterEach, describe, expect, it } from 'vitest';
import { configure, message, resetConfiguration } from '../../src/core/config.ts';
import { defaultMessages, type MessageKey } from '../../src/core/messages.ts';
import { translations } from '../../src/core/translations.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(defaultMessages) as MessageKey[];

afterEach(() => resetConfiguration());

describe('translations', () => {
  it('ship the languages the widgets promise', () => {
    expect(Object.keys(translations).sort()).toEqual(['de', 'es', 'fi', 'fr', 'nl', 'sv']);
  });

  for (const [language, table] of Object.entries(translations)) {
    it(`${language} translates every visible string with the same placeholders`, () => {
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
  });

  it('lets configure({ messages }) override a string in every language', () => {
    configure({ messages: { addToCart: 'Add' } });
    expect(message('addToCart', 'de')).toBe('Add');
    expect(message('retry', 'de')).toBe('Erneut versuchen');
  });
});
