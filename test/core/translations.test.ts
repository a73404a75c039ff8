import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, message, messageLanguage, resetConfiguration } from '../../src/core/config.ts';
import { cartMessages, defaultMessages, listMessages, type MessageKey } from '../../src/core/messages.ts';
import { translationModules } from '../../src/core/translation-modules.ts';
import { addMessages, loadTranslation, parseTranslation, translation } from '../../src/core/translations.ts';
import { ALL_TABLES } from '../support/translations.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(defaultMessages) as MessageKey[];

/** Every language module in src/translations/, by language subtag. */
const modules = import.meta.glob<string>('../../src/translations/*.ts', { eager: true, import: 'default' });
const tables = Object.fromEntries(
  Object.entries(modules).map(([path, table]) => [path.match(/(\w+)\.ts$/)![1], table]),
);

afterEach(() => resetConfiguration());

// As both elements do when they are constructed, in a script that has both widgets.
addMessages(1, listMessages);
addMessages(2, cartMessages);

describe('translations', () => {
  it('ship the languages the widgets promise, one module each, every one reachable by the loader', () => {
    expect(Object.keys(tables).sort()).toEqual(
      expect.arrayContaining(['ar', 'de', 'es', 'fi', 'fr', 'he', 'nl', 'sv']),
    );
    expect(
      readdirSync('src/translations')
        .map((file) => file.replace(/\.ts$/, ''))
        .sort(),
    ).toEqual(Object.keys(tables).sort());
    expect(Object.keys(translationModules).sort()).toEqual(Object.keys(tables).sort());
  });

  for (const [language, source] of Object.entries(tables)) {
    it(`${language} has one line per message key, in sections in the order of the English tables`, () => {
      // The first line is the one after the opening backtick; nothing may follow the last key.
      expect(source.startsWith('\n'), `${language} starts on its own line`).toBe(true);
      const sections = source.slice(1).split('\n---\n');
      expect(sections.map((section) => section.split('\n').length)).toEqual(
        ALL_TABLES.map((table) => Object.keys(table).length),
      );
    });

    it(`${language} translates every visible string with the same placeholders`, () => {
      const table = parseTranslation(source, ALL_TABLES);
      // Strings that are the same in every language (a formula) may stay English.
      const universal: MessageKey[] = ['quantityTimes'];
      expect(keys.filter((key) => !(key in table) && !universal.includes(key))).toEqual([]);
      for (const [key, text] of Object.entries(table) as [MessageKey, string][]) {
        expect(key in defaultMessages, `${language}.${key} is not a message key`).toBe(true);
        expect(placeholders(text), `${language}.${key}`).toEqual(placeholders(defaultMessages[key]));
        expect(text.trim()).not.toBe('');
      }
    });

    it(`${language} loads through the loader as the module says`, async () => {
      await loadTranslation(language);
      expect(translation(language)).toEqual(parseTranslation(source));
      expect(loadTranslation(language), 'nothing left to wait for').toBeUndefined();
    });
  }

  it(
    'loads a language only when asked, once, ' + 'and has nothing to load for English or a language not shipped',
    async () => {
      expect(loadTranslation('en')).toBeUndefined();
      expect(loadTranslation('pt')).toBeUndefined();
      expect(loadTranslation('constructor')).toBeUndefined();
      expect(loadTranslation('hasOwnProperty')).toBeUndefined();
      expect(translation('hasOwnProperty')).toBeUndefined();
    },
  );

  it('a language that fails to load leaves English, with a warning, and is not waited for again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const original = translationModules.de;
    translationModules.xx = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    try {
      await loadTranslation('xx');
      // With the code's full text, as development builds (and these tests) add it.
      expect(warn).toHaveBeenCalledWith(
        'storefront-widgets: SW52 "xx"',
        expect.any(TypeError),
        '\nSW52: a language file that did not load, so the widget shows English',
      );
      expect(message('addToCart', 'xx')).toBe('Add to cart');
      // English, and known as English: the strings are marked `en`, dates are in English phrases.
      expect(translation('xx')).toBeUndefined();
      expect(messageLanguage('xx-YY')).toBe('en');
      expect(loadTranslation('xx')).toBeUndefined();
    } finally {
      delete translationModules.xx;
      translationModules.de = original;
      warn.mockRestore();
    }
  });

  it('picks the language from the locale once loaded, falling back to English', async () => {
    await Promise.all(['de', 'fr', 'sv'].map(async (language) => loadTranslation(language)));
    expect(message('addToCart', 'de-AT')).toBe('In den Warenkorb');
    expect(message('addToCart', 'fr')).toBe('Ajouter au panier');
    expect(message('addToCart', 'SV-se')).toBe('Lägg i varukorgen');
    expect(message('addToCart', 'pt-BR')).toBe('Add to cart');
    expect(message('addToCart', 'constructor')).toBe('Add to cart');
    expect(message('addToCart')).toBe('Add to cart');
  });

  it('reads each line as the key in its place', async () => {
    await Promise.all(['de', 'fi', 'sv'].map(async (language) => loadTranslation(language)));
    expect(message('buyAgainHeading', 'de')).toBe('Erneut kaufen');
    expect(message('cartLoaded', 'fi')).toBe('Ostoskori ladattu. Yhteensä {total}');
    expect(message('slideLabel', 'sv')).toMatch(/^\{index\} .+ \{count\}$/);
    // An empty line falls back to English.
    expect(message('quantityTimes', 'de')).toBe(defaultMessages.quantityTimes);
  });

  it("gives Arabic's count of purchases as a label, right for every number", async () => {
    // The noun after an Arabic number takes a different form for 3-10, 11-99 and 100 on
    // ("3 مرات" but "145 مرة"): "Times bought: {count}" needs none.
    await loadTranslation('ar');
    expect(message('boughtTimes', 'ar')).toBe('عدد مرات الشراء: {count}');
  });

  it("reads a language loaded before a widget added its English table again, with that table's keys", async () => {
    // A fresh copy of the module, as in a script whose first widget module has not run yet.
    vi.resetModules();
    const fresh = await import('../../src/core/translations.ts');
    await fresh.loadTranslation('nl');
    const dutch = parseTranslation(tables.nl, ALL_TABLES);
    expect(fresh.translation('nl')?.retry).toBe(dutch.retry);
    expect(fresh.translation('nl')).not.toHaveProperty('addToCart');
    fresh.addMessages(1, listMessages);
    expect(fresh.translation('nl')?.addToCart).toBe(dutch.addToCart);
    expect(dutch.addToCart).not.toBe(defaultMessages.addToCart);
    expect(fresh.translation('nl')).not.toHaveProperty('cartHeading');
    expect(fresh.english('cartHeading')).toBeUndefined();
    expect(fresh.english('addToCart')).toBe(defaultMessages.addToCart);
  });

  it('lets configure({ messages }) override a string in every language', async () => {
    await loadTranslation('de');
    configure({ messages: { addToCart: 'Add' } });
    expect(message('addToCart', 'de')).toBe('Add');
    expect(message('retry', 'de')).toBe('Erneut versuchen');
  });
});
