/**
 * Only `http:`, `https:` and relative URLs may reach `src` or `href`: anything else
 * (`javascript:`, `data:`, `vbscript:`, protocol tricks with whitespace or entities) is null.
 */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || /[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  // A scheme is letters before the first colon that comes before any / ? #.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (scheme) return /^https?$/i.test(scheme[1]) ? trimmed : null;
  if (trimmed.startsWith('//')) return trimmed;
  return trimmed;
}

/** Fills `{name}` placeholders of a URL template with URL-encoded values; null if any is missing. */
export function fillUrlTemplate(template: string | undefined, values: Record<string, string | null | undefined>): string | null {
  if (!template) return null;
  let missing = false;
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === null || value === undefined || value === '') {
      missing = true;
      return '';
    }
    return encodePathSegment(value);
  });
  return missing ? null : safeUrl(filled);
}

/** Joins a base URL and a relative file path with exactly one slash; null when either is empty. */
export function joinUrl(base: string | undefined, file: string | null | undefined): string | null {
  if (!file) return null;
  if (/^https?:\/\//i.test(file)) return safeUrl(file);
  if (!base) return null;
  return safeUrl(`${base.replace(/\/+$/, '')}/${file.replace(/^\/+/, '').split('/').map(encodePathSegment).join('/')}`);
}

/**
 * `encodeURIComponent` that never throws: vendor strings can hold lone surrogates (half an
 * emoji), which it rejects with "URI malformed". They become U+FFFD first.
 */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}
