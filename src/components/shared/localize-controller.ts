import type { ReactiveController, ReactiveElement } from 'lit';
import { message, messageLanguage, pageDefault, resolveOption } from '../../core/config.ts';
import { numberFormat } from '../../core/formatters.ts';
import { whenIdle } from '../../core/main-thread.ts';
import { formatMessage, type MessageKey } from '../../core/messages.ts';
import { formatMoney, minorDigits, type Money } from '../../core/money.ts';
import { languageOf, loadTranslation } from '../../core/translations.ts';

/** The formats already prepared on the page (see `prepareMoney`). */
const prepared = new Set<string>();

/** Runs `steps` one per idle moment, once per `key` on the page. */
function prepareOnce(key: string, ...steps: (() => unknown)[]): void {
  if (prepared.has(key)) return;
  prepared.add(key);
  whenIdle(...steps);
}

/**
 * A widget's language and formats: the locale in force (the `locale` attribute, else
 * `configure()`, else the nearest `lang`, else the browser's), resolved once per update so every
 * string and amount of a render uses the same; its built-in strings (`t()`), loaded on demand;
 * the `lang` to mark strings and vendor text with; amounts and counts in that locale. `K` is the
 * keys the widget shows: those its script carries the English of (core/translations.ts).
 */
export class LocalizeController<K extends MessageKey = MessageKey> implements ReactiveController {
  readonly #host: ReactiveElement & { locale?: string };
  #localeInForce?: string;
  /** The locale's built-in language while it loads (see `languageLoaded`). */
  #languagePending?: Promise<void>;

  constructor(host: ReactiveElement & { locale?: string }) {
    this.#host = host;
    host.addController(this);
  }

  /** Resolves the locale once per update, before anything renders (see the class). */
  hostUpdate(): void {
    this.#localeInForce = this.#findLocale();
    const pending = loadTranslation(languageOf(this.#localeInForce));
    if (pending && pending !== this.#languagePending) void pending.then(() => this.#host.requestUpdate());
    this.#languagePending = pending;
  }

  /**
   * Settles once the locale's language is loaded (at once for English, a language loaded
   * before, or one we do not ship). The data task awaits it before it shows anything but the
   * loading view, so a shopper never sees English flash before their language.
   */
  languageLoaded(): Promise<void> | undefined {
    return loadTranslation(languageOf(this.locale));
  }

  /** The locale in force: attribute, `configure()`, nearest `lang`, the browser's. */
  get locale(): string | undefined {
    return this.#localeInForce ?? this.#findLocale();
  }

  #findLocale(): string | undefined {
    const candidate = resolveOption(this.#host.locale, 'locale', '') || this.#pageLanguage || undefined;
    if (!candidate) return typeof navigator === 'undefined' ? undefined : navigator.language;
    try {
      return Intl.getCanonicalLocales(candidate)[0];
    } catch {
      return undefined;
    }
  }

  /** The language the page gives the widget's content: the nearest `lang`, if any. */
  get #pageLanguage(): string | undefined {
    return (this.#host as unknown as Element).closest('[lang]')?.getAttribute('lang') ?? undefined;
  }

  /**
   * The `lang` of the widget's own strings where it is not the page's: a locale whose language
   * ships no translation falls back to English, marked `en`; a `locale` unlike the page's `lang`
   * is marked with its own. Undefined where the page's `lang` already says it.
   */
  get messagesLang(): string | undefined {
    const language = messageLanguage(this.locale);
    return languageOf(this.#pageLanguage) === language ? undefined : language;
  }

  /**
   * The `lang` of vendor text (names, categories) inside a widget whose strings are marked with
   * another language (`messagesLang`): the page's, or `""` (unknown) on a page without one.
   */
  get contentLang(): string | undefined {
    return this.messagesLang === undefined ? undefined : (this.#pageLanguage ?? '');
  }

  /**
   * The locale of dates and times inside a phrase: the locale's own where its language has the
   * strings, else the language the strings fell back to, so a phrase is never half one language
   * ("Updated قبل 5 دقائق").
   */
  get phraseLocale(): string | undefined {
    const language = messageLanguage(this.locale);
    return languageOf(this.locale) === language ? this.locale : language;
  }

  /**
   * A visible string, with `{placeholders}` filled in; empty while the locale's language loads
   * (the loading view shows shapes, not English, until then), unless `configure({ messages })`
   * set it, which wins in every language.
   */
  t(key: K, values?: Record<string, string | number>): string {
    if (
      this.#languagePending &&
      pageDefault('messages')?.[key] === undefined &&
      loadTranslation(languageOf(this.locale))
    )
      return '';
    return formatMessage(message(key, this.locale), values);
  }

  /** An amount in the locale's format. */
  money(amount: Money): string {
    return formatMoney(amount, this.locale);
  }

  /** A count in the locale's digits and grouping. */
  number(value: number): string {
    return numberFormat(this.locale).format(value);
  }

  /**
   * Prepares what the first render of amounts needs while the widget waits for its vendor. `Intl`
   * loads its data as it is first used: a page's first money format loads the locale's data, the
   * numbering systems and the number formats at once, 60-90 ms on a mid-range phone, which made
   * the render of the first cards a long task. Touched one piece per idle moment instead, each
   * stays well under a long task's 50 ms. Once per locale and currency on the page.
   */
  prepareMoney(currency: string): void {
    const locale = this.locale;
    prepareOnce(
      `${locale} ${currency}`,
      () => new Intl.Locale(locale ?? 'en').maximize(),
      () => Intl.supportedValuesOf?.('numberingSystem'),
      () => minorDigits(currency),
      () => formatMoney({ amount: 0, currency }, locale),
    );
  }

  /**
   * Prepares another format the same way: `steps`, one per idle moment, each given the locale of
   * the widget's phrases; once per `what` and locale on the page. For the cart's relative time,
   * whose code the carousel does not carry.
   */
  prepare(what: string, ...steps: ((locale?: string) => unknown)[]): void {
    const locale = this.phraseLocale;
    prepareOnce(`${locale} ${what}`, ...steps.map((step) => () => step(locale)));
  }
}
