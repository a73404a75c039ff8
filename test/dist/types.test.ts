import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The published types as an app's TypeScript sees them: a small project in a temp directory
 * whose `node_modules/storefront-widgets` links to this package, resolved through the `exports`
 * map to `dist/types/`. It uses the tags and events with no casts; `@ts-expect-error` lines fail
 * the compile if a type ever widens to `any`. Checked under NodeNext resolution with `skipLibCheck`
 * off (so the shipped declarations themselves are checked) and under Bundler resolution.
 */
const run = promisify(execFile);
const root = resolve('.');
let dir: string;

const consumer = `
import 'storefront-widgets/define';
import { BuyAgainList as OneWidget } from 'storefront-widgets/define/buy-again-list';
import { CartSummary as OtherWidget } from 'storefront-widgets/define/cart-summary';
import {
  BuyAgainList,
  CartSummary,
  configure,
  createGiosgSource,
  type CartLine,
  type PurchasedItem,
  type ReorderEvent,
  type WidgetErrorKind,
} from 'storefront-widgets';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The one-widget define entries export the same classes.
export const sameClasses: [Equals<OneWidget, BuyAgainList>, Equals<OtherWidget, CartSummary>] = [true, true];

const cart = document.createElement('cart-summary');
export const cartIsTyped: Equals<typeof cart, CartSummary> = true;
const list = document.createElement('buy-again-list');
export const listIsTyped: Equals<typeof list, BuyAgainList> = true;
const found = document.querySelector('cart-summary');
export const queried: Equals<typeof found, CartSummary | null> = true;

list.addEventListener('add-to-cart', (e) => {
  const item = e.detail.item;
  const quantity: number = e.detail.quantity;
  const itemIsTyped: Equals<typeof item, PurchasedItem> = true;
  e.preventDefault();
  e.waitUntil(Promise.resolve({ failed: [item.id] }));
  return [itemIsTyped, quantity];
});
list.addEventListener('item-select', (e) => e.detail.item.url);
cart.addEventListener('widget-load', (e) => e.detail.carts.map((c) => c.totalValue?.amount));
list.addEventListener('widget-load', (e) => e.detail.items.length);
// In a listener, "this" is the element it is on.
list.addEventListener('widget-load', function () { return this.siteToken; });
cart.removeEventListener('reorder', function (e) { return this.userId ?? e.detail.cart.id; });
// A listener on a container gets either element's detail.
document.body.addEventListener('widget-load', (e) => e.detail.items?.length ?? e.detail.carts?.length);
cart.addEventListener('widget-error', (e) => {
  const kind: WidgetErrorKind = e.detail.error.kind;
  return kind;
});
cart.addEventListener('reorder', (e) => {
  const lines: CartLine[] = e.detail.lines;
  const locked: boolean = e.detail.cart.isLocked;
  const eventIsTyped: Equals<typeof e, ReorderEvent> = true;
  e.waitUntil(Promise.resolve({ failed: lines.map((line) => line.id) }));
  return [locked, eventIsTyped];
});
cart.reorder = true;
// Analytics: GA4 names, typed, from either element and on any container.
document.addEventListener('widget-analytics', (e) => {
  const name: 'view_item_list' | 'select_item' | 'add_to_cart' | 'view_cart' = e.detail.event;
  const price: number | undefined = e.detail.ecommerce.items[0]?.price;
  return [name, price, e.detail.ecommerce.value];
});
configure({ dataLayer: true, analyticsConsent: 'granted' });
configure({ dataLayer: 'tagLayer' });
// @ts-expect-error: consent is granted or denied
configure({ analyticsConsent: 'yes' });
void cart.refresh();
list.siteToken = 'site_x';
list.cacheTtl = 60;
cart.cacheTtl = '0';

configure({
  source: 'algonomy',
  maxItems: 8,
  showDeleted: true,
  view: 'all',
  reorder: true,
  messages: { retry: 'Again', buyAgain: 'Order again' },
});
declare const session: string | undefined;
configure({ proxyUrl: '/widgets', customerSession: session });
// @ts-expect-error: a misspelt setting is an error, not a default that silently does nothing
configure({ proxyURL: '/widgets' });
// @ts-expect-error: settings are typed
configure({ view: 'everything' });

// @ts-expect-error: the tag map types the element, so unknown members are errors
cart.notAMember;
// @ts-expect-error: event details are typed
list.addEventListener('add-to-cart', (e) => e.detail.nothing);
// @ts-expect-error: a reorder's detail is typed
cart.addEventListener('reorder', (e) => e.detail.items);
// @ts-expect-error: a carousel's widget-load carries items, not carts
list.addEventListener('widget-load', (e) => e.detail.carts.length);
// @ts-expect-error: "this" in a cart's listener is the cart, which has no site token
cart.addEventListener('widget-load', function () { return this.siteToken; });

export const source = createGiosgSource(
  { connection: { mode: 'proxy', proxyUrl: '/widgets' }, cacheTtl: 0, currency: 'EUR' },
  { userId: 'u', chatId: 'c', visitorId: 'v' },
);
`;

const reactConsumer = `
import { BuyAgainList, CartSummary } from 'storefront-widgets/react';

export const app = (
  <>
    <BuyAgainList
      apiBase="/mock/csomni"
      siteToken="site_x"
      maxItems={8}
      cacheTtl={60}
      onAddToCart={(e) => {
        e.preventDefault();
        const variant: string | null = e.detail.item.variantId;
        return variant;
      }}
      onItemSelect={(e) => e.detail.item.url}
      onWidgetError={(e) => e.detail.error.kind}
      onWidgetAnalytics={(e) => e.detail.ecommerce.items.map((item) => item.item_id)}
    />
    <CartSummary
      userId="u"
      chatId="c"
      visitorId="v"
      view="all"
      onWidgetLoad={(e) => e.detail.carts.length + (e.detail.cart?.lines?.length ?? 0)}
    />
    <CartSummary
      view="all"
      reorder
      onReorder={(e) => e.waitUntil(Promise.resolve({ failed: e.detail.lines.map((line) => line.id) }))}
    />
    <BuyAgainList onWidgetLoad={(e) => e.detail.items.map((item) => item.id)} />
    {/* @ts-expect-error: props are the element's, typed */}
    <BuyAgainList maxItems="eight" />
    {/* @ts-expect-error: event props get the typed event */}
    <CartSummary onWidgetLoad={(e: string) => e} />
  </>
);
`;

const proxyConsumer = `
import { createProxy } from 'storefront-widgets-proxy';

export const handler: (request: Request) => Promise<Response> = createProxy({ sessionSecret: 'x'.repeat(32) });
// Settings straight from the environment, as docs/proxy.md's edge example shows (string | undefined each).
declare const env: Record<string, string | undefined>;
export const fromEnv = createProxy({
  sessionSecret: env.SESSION_SECRET,
  csomniSiteToken: env.CSOMNI_SITE_TOKEN,
  allowedOrigins: env.ALLOWED_ORIGINS,
});
`;

/**
 * One `configure()` call naming every attribute both elements declare (read from
 * custom-elements.json, by its property name): the settings type is derived from the elements,
 * so an attribute without a setting, or a setting typed apart from its attribute, fails the
 * compile (as an unknown property in an object literal).
 */
function everyAttributeIsASetting(): string {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
    modules: { declarations?: { attributes?: { fieldName?: string }[] }[] }[];
  };
  const fields = new Set(
    manifest.modules
      .flatMap((mod) => mod.declarations ?? [])
      .flatMap((declaration) => declaration.attributes ?? [])
      .map((attribute) => attribute.fieldName),
  );
  fields.delete('state');
  fields.delete(undefined);
  expect(fields.size).toBeGreaterThan(30);
  const settings = [...fields].map((field) => `${field}: undefined`).join(', ');
  return `\n// Every declared attribute is a page-wide setting.\nconfigure({ ${settings} });\n`;
}

const tsconfig = (moduleResolution: 'NodeNext' | 'Bundler') => ({
  compilerOptions: {
    target: 'ES2022',
    module: moduleResolution === 'NodeNext' ? 'NodeNext' : 'ESNext',
    moduleResolution,
    strict: true,
    // The strictest optional-property checking an app may turn on: settings read from the
    // environment (string | undefined) must still be accepted.
    exactOptionalPropertyTypes: moduleResolution === 'Bundler',
    noEmit: true,
    // Checking every declaration (Lit's, React's, ours) once is enough; the second run is quicker.
    skipLibCheck: moduleResolution === 'Bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: [],
    jsx: 'react-jsx',
  },
  files: ['consumer.ts', 'react-consumer.tsx', 'proxy-consumer.ts'],
});

beforeAll(() => {
  expect(existsSync('dist/types/index.d.ts'), 'dist/types is missing: run `npm run build`').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'storefront-widgets-types-'));
  mkdirSync(join(dir, 'node_modules/@types'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules/storefront-widgets'), 'dir');
  // The proxy is its own package (built by \`npm test\` as the widgets are).
  expect(
    existsSync(join(root, 'proxy/dist/types/proxy/src/index.d.ts')),
    'proxy/dist/types is missing: run `npm run build -w storefront-widgets-proxy`',
  ).toBe(true);
  symlinkSync(join(root, 'proxy'), join(dir, 'node_modules/storefront-widgets-proxy'), 'dir');
  symlinkSync(join(root, 'node_modules/@types/react'), join(dir, 'node_modules/@types/react'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'types-consumer', private: true, type: 'module' }));
  writeFileSync(join(dir, 'consumer.ts'), consumer + everyAttributeIsASetting());
  writeFileSync(join(dir, 'react-consumer.tsx'), reactConsumer);
  writeFileSync(join(dir, 'proxy-consumer.ts'), proxyConsumer);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('published types (dist/types through the exports map)', () => {
  it.concurrent.each(['NodeNext', 'Bundler'] as const)(
    'an app compiles against them with no casts (%s resolution)',
    { timeout: 60_000 },
    async (moduleResolution) => {
      writeFileSync(join(dir, `tsconfig.${moduleResolution}.json`), JSON.stringify(tsconfig(moduleResolution)));
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      const result = await run(
        process.execPath,
        [tsc, '-p', `tsconfig.${moduleResolution}.json`, '--pretty', 'false'],
        { cwd: dir, timeout: 60_000 },
      ).then(
        ({ stdout }) => ({ code: 0, output: stdout }),
        (error: { code?: number; stdout?: string }) => ({
          code: error.code ?? 1,
          output: error.stdout ?? String(error),
        }),
      );
      expect(result.output).toBe('');
      expect(result.code).toBe(0);
    },
  );
});
