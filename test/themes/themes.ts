import type { Theme } from './theme-harness.ts';

/**
 * Theme pages written for these tests, each reproducing traits of a real storefront theme that
 * broke embedded widgets: the root font size, grey text, serif faces, the theme's own focus
 * ring, right-to-left Arabic, a reset stylesheet, a narrow column that hides overflow.
 */

/** A Dawn-style Shopify theme: 1rem = 10px, body text 15px in a grey serif, its own focus ring. */
export const dawn: Theme = {
  label: 'dawn',
  html: 'lang="en"',
  width: 1000,
  css: `
    html { font-size: 62.5%; }
    body {
      margin: 0; padding: 2rem; font-size: 1.5rem; letter-spacing: .06rem; line-height: 1.8;
      font-family: Georgia, 'DejaVu Serif', serif; color: rgba(18, 18, 18, .75); background: #fff;
    }
    *:focus-visible {
      outline: .2rem solid rgba(18, 18, 18, .5); outline-offset: .3rem;
      box-shadow: 0 0 0 .3rem #fff, 0 0 .5rem .4rem rgba(18, 18, 18, .3);
    }
    .page-width { max-width: 120rem; margin: 0 auto; display: grid; gap: 4rem; }
    html.dark body { background: #121212; color: rgba(255, 255, 255, .75); }`,
  layout: '<main class="page-width">{widgets}</main>',
};

/** Bootstrap 5's right-to-left build on an Arabic page: system font, 16px, #212529. */
export const bootstrapRtl: Theme = {
  label: 'bootstrap-rtl',
  html: 'lang="ar" dir="rtl"',
  width: 900,
  css: `
    :root { font-size: 100%; }
    body {
      margin: 0; padding: 1rem; font-size: 1rem; line-height: 1.5; color: #212529; background: #fff; text-align: right;
      font-family: system-ui, -apple-system, 'Segoe UI', 'Noto Sans Arabic', 'DejaVu Sans', sans-serif;
    }
    .container { max-width: 720px; margin-inline: auto; display: grid; gap: 1.5rem; }`,
  layout: '<div class="container">{widgets}</div>',
  names: {
    'Extra Virgin Olive Oil': 'زيت زيتون بكر ممتاز ٥٠٠ مل',
    'Leather Gloves': 'قفازات جلدية',
    'Phone X 128 GB': 'هاتف إكس ١٢٨ غيغابايت',
  },
};

/** Tailwind v4 with a shop's resets: everything unset on buttons, no outline anywhere, gray-700 text. */
export const resets: Theme = {
  label: 'resets',
  html: 'lang="en"',
  width: 1280,
  css: `
    *, ::before, ::after { box-sizing: border-box; border: 0 solid; margin: 0; padding: 0; }
    html { font-size: 100%; line-height: 1.5; font-family: ui-sans-serif, system-ui, sans-serif; }
    body { padding: 1rem; color: #374151; background: #f9fafb; }
    button { all: unset; }
    *:focus { outline: none; }
    a { color: inherit; text-decoration: inherit; }
    img { display: block; max-width: 100%; height: auto; }
    main { display: grid; gap: 2rem; max-width: 64rem; }`,
  layout: '<main>{widgets}</main>',
};

/** WooCommerce Storefront: 1rem = 20px, body 16px in #6d6d6d, widgets in a narrow sidebar that hides overflow. */
export const sidebar: Theme = {
  label: 'sidebar',
  html: 'lang="en"',
  width: 1000,
  css: `
    html { font-size: 125%; }
    body {
      margin: 0; font-size: .8rem; line-height: 1.618; color: #6d6d6d; background: #fff;
      font-family: 'Source Sans Pro', 'HelveticaNeue-Light', 'Helvetica Neue', Helvetica, Arial, sans-serif;
    }
    .site { display: flex; gap: 2rem; padding: 1rem; }
    .content { flex: 1; }
    .widget-area { flex: none; width: 260px; overflow: hidden; display: grid; gap: 1.5rem; align-content: start; }`,
  layout:
    '<div class="site"><div class="content"><h1>Shop</h1><p>Products.</p></div>' +
    '<aside class="widget-area">{widgets}</aside></div>',
};

export const THEMES = [dawn, bootstrapRtl, resets, sidebar];
