/**
 * The bench's page: the script-tag build as a merchant loads it, an in-page fake vendor API for
 * render timings (so no network noise is measured), and plain-DOM baselines that build the same
 * markup by hand with `createElement`/`textContent`, in a shadow root with the widgets' own
 * stylesheets, so layout and paint are the same work.
 *
 * This file's `PAGE_SCRIPT` runs in the browser; it is kept as plain JavaScript text.
 */

export const PAGE_SCRIPT = String.raw`
(() => {
  const PRODUCTS_MAX = 50;
  const products = (n) => Math.min(n, PRODUCTS_MAX);

  // ---------------------------------------------------------------- data, as the vendors send it
  function csomniRows(n) {
    return Array.from({ length: n }, (_, i) => ({
      variantToken: 'vrnt_' + i,
      quantity: n - i,
      price: ((i % 90) + 1) + '.' + String(i % 100).padStart(2, '0'),
      variantImage: '',
      productToken: 'prod_' + (i % products(n)),
    }));
  }
  function csomniProduct(n, k) {
    return {
      prodToken: 'prod_' + k,
      prodName: 'Product ' + k,
      prodPrice: '.00',
      variants: Array.from({ length: Math.ceil(n / products(n)) }, (_, j) => j * products(n) + k)
        .filter((i) => i < n)
        .map((i) => ({
          prodToken: 'prod_' + k, variantToken: 'vrnt_' + i, variantName: 'Variant ' + i,
          variantPrice: (i % 90) + 1, variantVisible: 1, deleted: 0,
        })),
    };
  }
  function algonomyPage(n) {
    return {
      status: 'OK', message: '',
      data: { customerId: 1, totalCount: n, currentPage: 1, pageSize: n, totalPages: 1, lastKey: null, data: null,
        dataList: Array.from({ length: n }, (_, i) => ({
          productCode: 'code-' + i, productName: 'Product ' + i, productImgUrl: ' ', productQty: (i % 40) + 1,
          orderValue: '$' + i + '.50', productValue: '$ ' + ((i % 90) + 1) + '.9', orderDate: '2024-03-05 10:00:00',
        })) },
    };
  }
  const CART = 'c0ffee00-0000-4000-8000-000000000001';
  const NOW = new Date().toISOString();
  function giosgCarts() {
    return { next: null, previous: null, results: [{
      id: CART, currency: 'EUR', created_at: NOW, updated_at: NOW, is_locked: false, locked_at: null,
      total_value: null, total_subscription_value: null, visitor_id: 'v1',
    }] };
  }
  function giosgLines(n) {
    return { next: null, previous: null, results: Array.from({ length: n }, (_, i) => ({
      id: 'line-' + i, name: 'Line product ' + i, category_name: 'Category ' + (i % 12),
      value: ((i % 90) + 1) + '.' + String(i % 100).padStart(2, '0'),
      quantity: (i % 3) + 1, is_deleted: false, deleted_at: null, subscription_value: null, monthly_quantity: null,
    })) };
  }

  // ---------------------------------------------------------------- the in-page fake vendor API
  const realFetch = window.fetch.bind(window);
  window.benchRequests = [];
  const answer = (body) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (!url.pathname.startsWith('/fake/')) return realFetch(input, init);
    window.benchRequests.push(url.pathname);
    const [, , source, size, ...rest] = url.pathname.split('/');
    const n = Number(size);
    const path = '/' + rest.join('/');
    if (source === 'csomni' && path === '/frequentlyPurchased') return answer(csomniRows(n));
    const product = /^\/products\/prod_(\d+)\/full$/.exec(path);
    if (source === 'csomni' && product) return answer(csomniProduct(n, Number(product[1])));
    if (source === 'algonomy') return answer(algonomyPage(n));
    if (source === 'giosg' && path.endsWith('/products')) return answer(giosgLines(n));
    if (source === 'giosg') return answer(giosgCarts());
    return new Response('{}', { status: 404 });
  };

  // ---------------------------------------------------------------- the widgets
  function widget(kind, n) {
    const attributes = {
      csomni: {
        tag: 'buy-again-list', 'api-base': '/fake/csomni/' + n,
        'site-token': 'site_bench', 'customer-token': 'cs_bench',
      },
      algonomy: {
        tag: 'buy-again-list', source: 'algonomy', 'api-base': '/fake/algonomy/' + n,
        'tenant-hash': 't', 'access-token': 'a', 'gcr-id': 'g', 'page-size': String(Math.min(Math.max(n, 1), 500)),
      },
      giosg: {
        tag: 'cart-summary', 'api-base': '/fake/giosg/' + n, 'api-token': 'bench',
        'user-id': 'u1', 'chat-id': 'c1', 'visitor-id': 'v1', currency: 'EUR',
      },
    }[kind];
    const el = document.createElement(attributes.tag);
    for (const [name, value] of Object.entries(attributes)) if (name !== 'tag') el.setAttribute(name, value);
    return el;
  }

  // ---------------------------------------------------------------- the plain-DOM baselines
  const h = (tag, props = {}, children = []) => {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name === 'text') el.textContent = value;
      else if (name === 'className') el.className = value;
      else el.setAttribute(name, value);
    }
    for (const child of children) el.append(child);
    return el;
  };
  const sheets = (tag) => customElements.get(tag).elementStyles.map((style) => style.styleSheet);
  /** The share of the text colour for secondary text that the widgets set on a black-on-white page. */
  const MUTED = '--_muted-share: 64%';
  /** An inline SVG icon: its shapes as [tag, attributes] pairs. */
  const SVG = 'http://www.w3.org/2000/svg';
  const icon = (props, shapes) => {
    const svg = document.createElementNS(SVG, 'svg');
    for (const [name, value] of Object.entries({ viewBox: '0 0 24 24', ...props })) svg.setAttribute(name, value);
    for (const [tag, attributes] of shapes) {
      const shape = document.createElementNS(SVG, tag);
      for (const [name, value] of Object.entries(attributes)) shape.setAttribute(name, value);
      svg.append(shape);
    }
    return svg;
  };
  const PICTURE = [
    ['rect', { x: '3', y: '4', width: '18', height: '16', rx: '2' }],
    ['circle', { cx: '9', cy: '10', r: '2' }],
    ['path', { d: 'm21 17-5-5-9 8' }],
  ];
  const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' });
  const eur = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });

  /**
   * The carousel's markup for n cards (names already known), by hand: the elements, attributes
   * and icons the widget draws (an image placeholder's picture, the arrows of prev/next).
   */
  function listBaseline(n) {
    const host = h('div');
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = sheets('buy-again-list');
    const cards = Array.from({ length: n }, (_, i) => {
      const name = 'Product ' + (i % products(n)) + ' – Variant ' + i;
      const card = {
        part: 'item', className: 'card', 'data-slide': '', role: 'group',
        'aria-roledescription': 'slide', 'aria-label': (i + 1) + ' of ' + n,
      };
      return h('div', card, [
        h('div', { part: 'image', className: 'image placeholder', 'aria-hidden': 'true' }, [icon({}, PICTURE)]),
        h('div', { className: 'body' }, [
          h('span', { part: 'name', className: 'name', title: name, dir: 'auto', text: name }),
          h('span', { part: 'price', className: 'price', text: usd.format((i % 90) + 1 + (i % 100) / 100) }),
          h('span', { part: 'meta', className: 'meta', text: 'Bought ' + (n - i) + ' times' }),
        ]),
        h('button', {
          part: 'add-button', className: 'button add', 'aria-disabled': 'false',
          'aria-label': 'Add to cart: ' + name, text: 'Add to cart',
        }),
      ]);
    });
    const base = {
      part: 'base', className: 'base', 'aria-labelledby': 'heading', 'aria-roledescription': 'carousel', style: MUTED,
    };
    root.append(h('section', base, [
      h('div', { className: 'header' }, [
        h('h2', { part: 'heading', id: 'heading', tabindex: '-1' }, [
          h('slot', { name: 'heading', text: 'Buy it again' }),
        ]),
        h('div', { className: 'nav' }, [
          h('button', {
            part: 'prev-button', className: 'nav-button', 'aria-controls': 'viewport',
            'aria-label': 'Previous items', 'aria-disabled': 'true',
          }, [icon({ 'aria-hidden': 'true', class: 'flip-rtl' }, [['path', { d: 'M15 5l-7 7 7 7' }]])]),
          h('button', {
            part: 'next-button', className: 'nav-button', 'aria-controls': 'viewport',
            'aria-label': 'Next items', 'aria-disabled': String(n < 2),
          }, [icon({ 'aria-hidden': 'true', class: 'flip-rtl' }, [['path', { d: 'M9 5l7 7-7 7' }]])]),
        ]),
      ]),
      h('div', { part: 'viewport', id: 'viewport', className: 'viewport', 'aria-busy': 'false' }, cards),
      h('div', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
    ]));
    return host;
  }

  /** The cart's markup for n lines, by hand, with the total summed in integer cents. */
  function cartBaseline(n) {
    const host = h('div');
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = sheets('cart-summary');
    let cents = 0;
    const lines = Array.from({ length: n }, (_, i) => {
      const unit = ((i % 90) + 1) * 100 + (i % 100);
      const quantity = (i % 3) + 1;
      cents += unit * quantity;
      return h('li', { part: 'line', className: 'line' }, [
        h('div', { className: 'what' }, [
          h('span', { part: 'line-name', className: 'name', text: 'Line product ' + i }),
          h('span', { className: 'category', text: 'Category ' + (i % 12) }),
        ]),
        h('span', { part: 'line-quantity', className: 'quantity' }, [
          h('span', { text: quantity + ' × ' + eur.format(unit / 100) }),
        ]),
        h('span', { part: 'line-total', className: 'amount' }, [
          h('span', { text: eur.format((unit * quantity) / 100) }),
        ]),
      ]);
    });
    const base = { part: 'base', className: 'base', 'aria-labelledby': 'heading', 'aria-busy': 'false', style: MUTED };
    const updated = new Date(NOW).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
    root.append(h('section', base, [
      h('header', { part: 'header', className: 'header' }, [
        h('h2', { id: 'heading', tabindex: '-1' }, [h('slot', { name: 'heading', text: 'Your cart' })]),
        h('time', { className: 'meta', datetime: NOW, title: updated, text: 'Updated just now' }),
      ]),
      h('ul', { className: 'lines', role: 'list' }, lines),
      h('dl', { part: 'totals', className: 'totals' }, [
        h('div', { part: 'total', className: 'grand' }, [
          h('dt', { text: 'Total' }),
          h('dd', { text: eur.format(cents / 100) }),
        ]),
      ]),
      h('div', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite', text: 'Cart loaded' }),
    ]));
    return host;
  }

  // ---------------------------------------------------------------- timing
  /** Resolves after the next frame has been produced: a rAF, then a task after it. */
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  }));

  const stage = () => document.getElementById('stage');

  /** Inserts one widget (or its baseline); returns ms from insertion to painted, and the rows painted. */
  window.benchRender = async (kind, n, mode) => {
    let el;
    const start = performance.now();
    if (mode === 'widget') {
      el = widget(kind, n);
      const loaded = new Promise((resolve, reject) => {
        el.addEventListener('widget-load', resolve, { once: true });
        const failed = (event) => reject(new Error(kind + ' ' + n + ': ' + JSON.stringify(event.detail.error)));
        el.addEventListener('widget-error', failed, { once: true });
      });
      stage().append(el);
      await loaded;
    } else {
      el = kind === 'giosg' ? cartBaseline(n) : listBaseline(n);
      stage().append(el);
    }
    // The main thread's own work, whenever the next frame comes: the script up to the items, then
    // the style and layout they need, done here as the frame would do them.
    el.getBoundingClientRect();
    const workMs = performance.now() - start;
    await painted();
    const ms = performance.now() - start;
    const rows = el.shadowRoot.querySelectorAll(kind === 'giosg' ? '[part~="line"]' : '[part~="item"]');
    const shown = rows.length;
    // The widgets render long lists progressively (the rows near view first: at least 50); the
    // baseline builds every row. Every card still says "n of N" of the whole list.
    if (mode === 'baseline' ? shown !== n : shown < Math.min(n, 50) || shown > n) {
      throw new Error(kind + ' ' + mode + ': ' + shown + ' of ' + n + ' shown');
    }
    const lastLabel = rows[shown - 1].getAttribute('aria-label');
    if (kind !== 'giosg' && lastLabel !== shown + ' of ' + n) {
      throw new Error(kind + ' ' + mode + ': the last card is labelled ' + lastLabel);
    }
    return { ms, workMs, shown };
  };

  window.benchClear = () => stage().replaceChildren();
})();
`;

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>storefront-widgets bench</title>
<style>body { font: 16px system-ui, sans-serif; margin: 1rem; width: 1200px; }</style>
</head>
<body>
<div id="stage"></div>
<script src="/storefront-widgets.iife.js"></script>
<script src="/bench-page.js"></script>
</body>
</html>`;

/**
 * Five carousels on one source and five carts on one scope, on the demo's mock APIs; with
 * `sessionCache`, the page opts in to `configure({ sessionCache: true })` first.
 */
export function networkHtml(sessionCache: boolean): string {
  const list =
    '<buy-again-list api-base="/mock/csomni" site-token="site_demo" customer-token="cs_demo"></buy-again-list>';
  const cart =
    '<cart-summary api-base="/mock/giosg" api-token="demo-giosg-token" user-id="u1" chat-id="c1" visitor-id="v1"' +
    ' currency="EUR"></cart-summary>';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>storefront-widgets network bench</title></head>
<body>
<script src="/storefront-widgets.iife.js"></script>
${sessionCache ? '<script>StorefrontWidgets.configure({ sessionCache: true });</script>' : ''}
${Array.from({ length: 5 }, () => list).join('\n')}
${Array.from({ length: 5 }, () => cart).join('\n')}
</body>
</html>`;
}
