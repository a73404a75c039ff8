/**
 * `Intl` formatters, made once per locale and option set for the page: building one costs far
 * more than using it, and a cart or carousel formats a number on every line and card.
 */
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const formatters = new Map<string, Formatter>();

function cached<T extends Formatter>(
  make: (locale?: string) => T,
  kind: string,
  locale: string | undefined,
  options: object | undefined,
): T {
  const key = JSON.stringify([kind, locale, options]);
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    try {
      formatter = make(locale);
    } catch {
      // A locale Intl refuses (a malformed `lang`): English rather than nothing.
      formatter = make('en');
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** `new Intl.NumberFormat(locale, options)`, shared; `en` for a locale Intl refuses. */
export function numberFormat(locale: string | undefined, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached((tag) => new Intl.NumberFormat(tag, options), 'n', locale, options);
}

/** `new Intl.DateTimeFormat(locale, options)`, shared; `en` for a locale Intl refuses. */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached((tag) => new Intl.DateTimeFormat(tag, options), 'd', locale, options);
}

/** `new Intl.RelativeTimeFormat(locale, options)`, shared; `en` for a locale Intl refuses. */
export function relativeTimeFormat(
  locale: string | undefined,
  options: Intl.RelativeTimeFormatOptions,
): Intl.RelativeTimeFormat {
  return cached((tag) => new Intl.RelativeTimeFormat(tag, options), 'r', locale, options);
}
