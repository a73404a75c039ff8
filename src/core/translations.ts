import { defaultMessages, type MessageKey, type Messages } from './messages.ts';
import { translationModules } from './translation-modules.ts';

/**
 * Built-in translations, chosen by the widget's locale (its language subtag). English ships
 * inline; every other language is one module in `src/translations/` (`de.ts`, ...), loaded only
 * on a page that needs it: the npm build leaves each as its own chunk for the app's bundler, the
 * script-tag builds load `translations/<language>.js` from beside the script
 * (scripts/build.ts writes the loader for those).
 *
 * A module's default export is one message per line, in the order of `defaultMessages`
 * (messages.ts), the first line being `buyAgainHeading`: a table of keys would repeat every key
 * in every language for every shopper. An empty line falls back to English (`quantityTimes` is a
 * formula, the same everywhere); `configure({ messages })` overrides any string in every
 * language. test/core/translations.test.ts checks that every module has one line per key and the
 * same placeholders as English.
 */
const loaded = new Map<string, Partial<Messages>>();
const loading = new Map<string, Promise<void>>();

/** The language subtag of a locale (`de-AT` -> `de`), lower case. */
export function languageOf(locale: string | undefined): string {
  return locale?.split('-')[0].toLowerCase() ?? '';
}

/** A positional table (one message per line, after a first empty line) as messages. */
export function parseTranslation(table: string): Partial<Messages> {
  const lines = table.split('\n').slice(1);
  const keys = Object.keys(defaultMessages) as MessageKey[];
  return Object.fromEntries(keys.flatMap((key, index) => (lines[index] ? [[key, lines[index]]] : [])));
}

/** The built-in messages of a language subtag (`de`) once loaded; undefined before, and for one we do not ship. */
export function translation(language: string): Partial<Messages> | undefined {
  return loaded.get(language);
}

/**
 * Loads a built-in language. Undefined when there is nothing to wait for (English, a language we
 * do not ship, one already loaded); else a promise that settles once its messages are in. A file
 * that cannot be loaded (offline, moved, refused) leaves English, with a warning for the developer.
 */
export function loadTranslation(language: string): Promise<void> | undefined {
  if (loaded.has(language) || !Object.hasOwn(translationModules, language)) return undefined;
  let pending = loading.get(language);
  if (!pending) {
    pending = translationModules[language]().then(
      (module) => void loaded.set(language, parseTranslation(module.default)),
      (error: unknown) => {
        console.warn(`storefront-widgets: the "${language}" messages did not load, so English shows instead.`, error);
        loaded.set(language, {});
      },
    );
    loading.set(language, pending);
  }
  return pending;
}
