/**
 * Readers for vendor JSON values, shared by every source. Each accepts anything, never throws,
 * and answers with a safe default: vendor payloads arrive with numbers as strings, empty strings
 * for missing values, and arrays where objects belong.
 */

/** A plain object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A trimmed string, or a finite number as a string; '' for anything else. */
export const text = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';

/** A trimmed string; '' for anything else (numbers included). */
export const clean = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A number >= 0 from a number or a plain decimal string (`17`, `"17"`, `"2.5"`); null otherwise. */
export function decimal(value: unknown): number | null {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(number) && number >= 0 ? number : null;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|([+-])(\d{2}):?(\d{2}))?$/i;

/**
 * An ISO 8601 date or date-time as a Date: `2019-06-13T07:01:54.340Z`, with an offset
 * (`+02:00`, `+0200`), a space for the `T` (`2024-03-05 10:00:00`), or a plain date. Without an
 * offset the time is read as local, so the shopper sees the day the vendor wrote. `""`,
 * impossible dates (`2024-02-31`, `24:00`) and anything else are null.
 */
export function parseDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = DATE_TIME.exec(value.trim());
  if (!match) return null;
  // The offset (`zone`, unless it is Z) as its sign, hours and minutes.
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone, sign, oh = '0', om = '0'] = match;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [y, mo, d, h, mi, s, oh, om].map(Number);
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  // setUTCFullYear/setFullYear, not the constructor: that maps years 0-99 to 1900-1999. Day 31 of
  // a 30-day month rolls over (as does a local time the clocks skipped, where a whole day was
  // skipped), so the day that came back must be the one given.
  const date = new Date(0);
  if (zone) {
    const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
    date.setUTCFullYear(year, month - 1, day);
    if (date.getUTCDate() !== day) return null;
    // Less the offset: minutes out of range carry over into the hours and the day.
    date.setUTCHours(hour, minute - offset, second, ms);
  } else {
    date.setFullYear(year, month - 1, day);
    date.setHours(hour, minute, second, ms);
    if (date.getDate() !== day) return null;
  }
  return Number.isFinite(date.getTime()) ? date : null;
}
