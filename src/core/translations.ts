import { warn } from './errors.ts';
import { sharedMessages, type MessageKey, type Messages } from './messages.ts';
import { translationModules } from './translation-modules.ts';

/**
 * Built-in translations, chosen by the widget's locale (its language subtag). English ships
 * inline; every other language is one module in `src/translations/` (`de.ts`, ...), loaded only
 * on a page that needs it: the npm build leaves each as its own chunk for the app's bundler, the
 * script-tag builds load `translations/<language>.js` from beside the script
 * (scripts/build.ts writes the loader for those).
 *
 * A module's default export is one message per line, in three sections split by a `---` line:
 * the shared strings, the carousel's and the cart's, each in the order of its English table
 * (messages.ts). A table of keys would repeat every key in every language for every shopper; the
 * sections let a one-widget script know the keys of its own widget only. An empty line falls
 * back to English (`quantityTimes` is a formula, the same everywhere); `configure({ messages })`
 * overrides any string in every language. test/core/translations.test.ts checks that every
 * module has one line per key and the same placeholders as English.
 */
const loaded = new Map<string, string>();
const loading = new Map<string, Promise<void>>();
const parsed = new Map<string, Partial<Messages>>();

/** The English tables of this script's widgets, by section: shared, the carousel's, the cart's. */
const sections: Partial<Messages>[] = [sharedMessages];

/** The English string of `key`, if this script's widgets show it. */
export function english(key: MessageKey): string | undefined {
  // A script with the cart alone has no section 1: `find` still visits the hole.
  return sections.find((table) => table && key in table)?.[key];
}

/** Adds a widget's English table, which is section `section` of every translation (messages.ts). */
export function addMessages(section: number, table: Partial<Messages>): void {
  if (sections[section]) return;
  sections[section] = table;
  // A language loaded before this widget was first constructed is read again, now with its keys.
  parsed.clear();
}

/** The language subtag of a locale (`de-AT` -> `de`), lower case. */
export function languageOf(locale: string | undefined): string {
  return locale?.split('-')[0].toLowerCase() ?? '';
}

/**
 * A translation module's text (a first empty line, then sections of one message per line) as
 * messages, for the sections whose English `tables` name the keys (by default, those added).
 */
export function parseTranslation(text: string, tables: Partial<Messages>[] = sections): Partial<Messages> {
  const messages: Partial<Messages> = {};
  text
    .slice(1)
    .split('\n---\n')
    .forEach((section, index) => {
      const keys = Object.keys(tables[index] ?? {}) as MessageKey[];
      section.split('\n').forEach((line, at) => {
        if (line && keys[at]) messages[keys[at]] = line;
      });
    });
  return messages;
}

/**
 * The built-in messages of a language subtag (`de`) once loaded; undefined before, for one we do
 * not ship, and for one whose file did not load (its strings are English, and say so).
 */
export function translation(language: string): Partial<Messages> | undefined {
  const text = loaded.get(language);
  if (!text) return undefined;
  let messages = parsed.get(language);
  if (!messages) parsed.set(language, (messages = parseTranslation(text)));
  return messages;
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
      (module) => void loaded.set(language, module.default),
      (error: unknown) => {
        warn(`storefront-widgets: SW52 "${language}"`, error);
        loaded.set(language, '');
      },
    );
    loading.set(language, pending);
  }
  return pending;
}
