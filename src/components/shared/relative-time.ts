import { relativeTimeFormat } from '../../core/formatters.ts';

const NUMERIC_AUTO: Intl.RelativeTimeFormatOptions = { numeric: 'auto' };

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "5 minutes ago", "yesterday", "in 2 hours" in `locale`, with `Intl.RelativeTimeFormat`, in the
 * largest whole unit that fits. Falls back to English for a locale `Intl` rejects.
 */
export function formatRelativeTime(date: Date, locale?: string, now: number = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  // Math.trunc: 90 seconds ago is "1 minute ago", not "2 minutes ago".
  return relativeTimeFormat(locale, NUMERIC_AUTO).format(Math.trunc(seconds / size) || 0, unit);
}
