/**
 * Only `http:`, `https:` and relative URLs may reach `src` or `href`: anything else
 * (`javascript:`, `data:`, `vbscript:`, protocol tricks with whitespace or entities) is null, and
 * so is a vendor's empty value written out (`[]`, `{}`, `null`), which would be a relative URL.
 */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || /[\u0000-\u001f\u007f]|^(\[\]|\{\}|null|undefined)$/.test(trimmed)) return null;
  // A scheme is letters before the first colon that comes before any / ? #.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  // No scheme: relative, or protocol-relative (`//host/…`, which keeps the page's http(s)).
  return !scheme || /^https?$/i.test(scheme[1]) ? trimmed : null;
}

/** Fills `{name}` placeholders of a URL template with URL-encoded values; null if any is missing. */
export function fillUrlTemplate(
  template: string | undefined,
  values: Record<string, string | null | undefined>,
): string | null {
  if (!template) return null;
  let missing = false;
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    // `.` and `..` stay dot segments even encoded (`%2E%2E`): a link to the parent, not the product.
    if (!value || value === '.' || value === '..') {
      missing = true;
      return '';
    }
    return encodePathSegment(value);
  });
  return missing ? null : safeUrl(filled);
}

/**
 * Joins a base URL and a relative file path with exactly one slash; null when either is empty
 * or the path climbs (`.` or `..` segments). Characters are encoded, escapes already in the
 * path (`a%20b.jpg`) are kept as they are.
 */
export function joinUrl(base: string | undefined, file: string | null | undefined): string | null {
  if (!file) return null;
  if (/^https?:\/\//i.test(file)) return safeUrl(file);
  if (!base) return null;
  const segments = file.replace(/^\/+/, '').split('/');
  // `%2e` is a dot to the URL parser: `%2e%2e` climbs like `..`.
  if (segments.some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))) return null;
  const encoded = segments.map((segment) =>
    segment
      .split(/(%[0-9A-Fa-f]{2})/)
      .map((part, index) => (index % 2 ? part : encodePathSegment(part)))
      .join(''),
  );
  return safeUrl(`${base.replace(/\/+$/, '')}/${encoded.join('/')}`);
}

/**
 * `encodeURIComponent` that never throws: vendor strings can hold lone surrogates (half an
 * emoji), which it rejects with "URI malformed". They become U+FFFD first.
 */
export function encodePathSegment(value: string): string {
  // The regex, not String#toWellFormed: that needs Safari 16.4.
  return encodeURIComponent(
    value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}
