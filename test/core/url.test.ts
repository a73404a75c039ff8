import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodePathSegment, fillUrlTemplate, joinUrl, safeUrl } from '../../src/core/url.ts';

describe('safeUrl', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    '\n javascript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u0001javascript:alert(1)',
    '\u001fjavascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    'javascript\u0000:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:image/svg+xml;base64,PHN2Zz4=',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://shop.example/1234',
    'mailto:a@b.c',
    'ftp://files.example/x',
  ])('rejects %j', (url) => {
    expect(safeUrl(url)).toBeNull();
  });

  it.each([
    ['https://shop.example/p/1', 'https://shop.example/p/1'],
    ['http://shop.example/p/1?x=1#top', 'http://shop.example/p/1?x=1#top'],
    ['HTTPS://SHOP.EXAMPLE/', 'HTTPS://SHOP.EXAMPLE/'],
    ['  https://shop.example/p  ', 'https://shop.example/p'],
    ['/products/prod_1', '/products/prod_1'],
    ['products/prod_1', 'products/prod_1'],
    ['./p?next=javascript:alert(1)', './p?next=javascript:alert(1)'],
    ['../img/a.png', '../img/a.png'],
    ['?page=2', '?page=2'],
    ['#reviews', '#reviews'],
    ['//cdn.example/img.png', '//cdn.example/img.png'],
    ['/a:b', '/a:b'],
  ])('accepts %j', (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });

  it.each([null, undefined, 42, {}, [], '', '   ', '[]', ' {} ', 'null', 'undefined'])(
    'returns null for %j',
    (value) => {
      expect(safeUrl(value)).toBeNull();
    },
  );

  it('lets through only what the URL parser sees as http(s) or relative (property)', () => {
    const scheme = fc.constantFrom('javascript', 'JavaScript', 'data', 'vbscript', 'http', 'https', 'HTTP', 'file', '');
    const noise = fc.string({
      unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u0000', '\u0008', '\u001f', 'a', ':', '/', '\\'),
      maxLength: 4,
    });
    fc.assert(
      fc.property(noise, scheme, noise, fc.string({ maxLength: 10 }), (before, name, inside, rest) => {
        const url = `${before}${name.slice(0, 2)}${inside}${name.slice(2)}:${rest}`;
        const result = safeUrl(url);
        if (result === null) return;
        // What a browser would do with the attribute value: resolve it against the page (a value
        // the parser rejects, such as `//javascript:@`, goes nowhere).
        if (!URL.canParse(result, 'https://shop.example/page')) return;
        const protocol = new URL(result, 'https://shop.example/page').protocol;
        expect(['http:', 'https:']).toContain(protocol);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fillUrlTemplate', () => {
  it('fills placeholders with URL-encoded values', () => {
    expect(
      fillUrlTemplate('https://shop.example/p/{productId}?v={variantId}', { productId: 'prod_1', variantId: 'vrnt_2' }),
    ).toBe('https://shop.example/p/prod_1?v=vrnt_2');
    expect(fillUrlTemplate('/p/{productId}', { productId: 'a b/c?d=e&f#g' })).toBe('/p/a%20b%2Fc%3Fd%3De%26f%23g');
    expect(fillUrlTemplate('/p/{productId}', { productId: '"><script>' })).toBe('/p/%22%3E%3Cscript%3E');
    expect(fillUrlTemplate('/p/{productId}/{productId}', { productId: 'x' })).toBe('/p/x/x');
  });

  it('returns null when a value is missing, null or empty', () => {
    expect(fillUrlTemplate('/p/{productId}?v={variantId}', { productId: 'prod_1' })).toBeNull();
    expect(fillUrlTemplate('/p/{productId}?v={variantId}', { productId: 'prod_1', variantId: null })).toBeNull();
    expect(fillUrlTemplate('/p/{productId}?v={variantId}', { productId: 'prod_1', variantId: '' })).toBeNull();
  });

  it('returns null for a dot segment, which the URL would resolve to the parent', () => {
    expect(fillUrlTemplate('/p/{productId}', { productId: '..' })).toBeNull();
    expect(fillUrlTemplate('/p/{productId}', { productId: '.' })).toBeNull();
    expect(fillUrlTemplate('/p/{productId}', { productId: '...' })).toBe('/p/...');
  });

  it('returns null without a template and keeps a template without placeholders', () => {
    expect(fillUrlTemplate(undefined, { productId: 'x' })).toBeNull();
    expect(fillUrlTemplate('', { productId: 'x' })).toBeNull();
    expect(fillUrlTemplate('/shop', { productId: 'x' })).toBe('/shop');
  });

  it('never produces a javascript: URL, whatever the template or values', () => {
    expect(fillUrlTemplate('javascript:alert("{productId}")', { productId: 'x' })).toBeNull();
    expect(fillUrlTemplate(' JavaScript:go({productId})', { productId: 'x' })).toBeNull();
    expect(fillUrlTemplate('{productId}', { productId: 'javascript:alert(1)' })).toBe('javascript%3Aalert(1)');
    expect(
      new URL(fillUrlTemplate('{productId}', { productId: 'javascript:alert(1)' })!, 'https://shop.example/').protocol,
    ).toBe('https:');
  });
});

describe('joinUrl', () => {
  it('joins a base and a file with exactly one slash', () => {
    expect(joinUrl('https://cdn.example/img', '9-14-2021/a.jpg')).toBe('https://cdn.example/img/9-14-2021/a.jpg');
    expect(joinUrl('https://cdn.example/img/', '/9-14-2021/a.jpg')).toBe('https://cdn.example/img/9-14-2021/a.jpg');
    expect(joinUrl('https://cdn.example/img///', '//9-14-2021/a.jpg')).toBe('https://cdn.example/img/9-14-2021/a.jpg');
    expect(joinUrl('/mock/assets', 'a.png')).toBe('/mock/assets/a.png');
  });

  it('encodes each path segment of the file', () => {
    expect(joinUrl('https://cdn.example', 'dir one/a b#1?.jpg')).toBe('https://cdn.example/dir%20one/a%20b%231%3F.jpg');
    expect(joinUrl('https://cdn.example', 'javascript:alert(1)')).toBe('https://cdn.example/javascript%3Aalert(1)');
  });

  it('keeps escapes the vendor already wrote, and encodes a lone percent sign', () => {
    expect(joinUrl('https://cdn.example', 'dir%20one/a%2Bb.jpg')).toBe('https://cdn.example/dir%20one/a%2Bb.jpg');
    expect(joinUrl('https://cdn.example', '100%/a%zz.jpg')).toBe('https://cdn.example/100%25/a%25zz.jpg');
  });

  it('refuses a file path that climbs out of the base', () => {
    expect(joinUrl('https://cdn.example/img', '../secret.jpg')).toBeNull();
    expect(joinUrl('https://cdn.example/img', 'a/./b.jpg')).toBeNull();
    expect(joinUrl('https://cdn.example/img', '%2e%2e/%2E%2e/secret.png')).toBeNull();
    expect(joinUrl('https://cdn.example/img', '.%2e/secret.png')).toBeNull();
  });

  it('keeps an absolute http(s) file as it is, without the base', () => {
    expect(joinUrl('https://cdn.example', 'https://img.example/a.jpg')).toBe('https://img.example/a.jpg');
    expect(joinUrl(undefined, 'http://img.example/a.jpg')).toBe('http://img.example/a.jpg');
  });

  it('returns null when the file or the base is missing', () => {
    expect(joinUrl('https://cdn.example', '')).toBeNull();
    expect(joinUrl('https://cdn.example', null)).toBeNull();
    expect(joinUrl('https://cdn.example', undefined)).toBeNull();
    expect(joinUrl(undefined, 'a.jpg')).toBeNull();
    expect(joinUrl('', 'a.jpg')).toBeNull();
  });

  it('never produces an unsafe URL from an unsafe base', () => {
    expect(joinUrl('javascript:alert(1)//', 'a.jpg')).toBeNull();
    expect(joinUrl(' data:text/html,', 'a.jpg')).toBeNull();
  });
});

describe('encodePathSegment', () => {
  it('encodes like encodeURIComponent, and turns lone surrogates into U+FFFD instead of throwing', () => {
    expect(encodePathSegment('a b/c?')).toBe('a%20b%2Fc%3F');
    expect(encodePathSegment('😀')).toBe(encodeURIComponent('😀'));
    expect(() => encodeURIComponent('\uD83D')).toThrow();
    expect(encodePathSegment('x\uD83Dy')).toBe('x%EF%BF%BDy');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => typeof encodePathSegment(value) === 'string'));
  });
});
