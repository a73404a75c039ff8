import { mockApi } from '../support/mocks/mock-api.ts';
import {
  GIOSG_CART,
  MANY,
  manyLines,
  MISSING_PRODUCTS,
  MISSING_ROWS,
  NAMED,
  NAMED_PRODUCTS,
  UNICODE_NAMES,
  VENDOR_SCENARIOS,
  type VendorScenario,
} from './hostile-data.ts';

/**
 * A test-only hostile world for the widgets, as a web-standard `Request -> Response` handler that
 * `hostile-plugin.ts` mounts on the test browser's Vite server under `/hostile/`.
 *
 *   /hostile/<gate>/<scenario>/<source>/<vendor path>
 *
 * - `<gate>`: any id a test makes up. While the gate is closed, requests get the scenario; after
 *   `POST /hostile/_heal/<gate>` they get the healthy mock (`/mock/<source>/…`), so a test can
 *   switch a fault off without touching the element and see Retry recover.
 *   `GET /hostile/_log/<gate>` lists the requests the gate saw (`{ path, method, at, healed }`).
 * - `<scenario>`: a vendor-shaped payload of this file (`many`, `many-named`, `lookup-404`,
 *   `nested`, `wrong-types`, `wrong-envelope`, `unicode`), `none` (the healthy mock), `timeout` (silent for 3
 *   s), or any
 *   generic fault of `test/support/mocks/faults.ts` (`http-500`, `reset`, …), answered by the demo's mock API.
 * - `<source>`: `csomni`, `algonomy` or `giosg`; the vendor path is the vendor's own.
 */

const ASSET = '/mock/assets';

const healed = new Set<string>();
const log = new Map<string, { path: string; method: string; at: number; healed: boolean }[]>();

const json = (body: unknown, status = 200) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** JSON text with deep structures spliced in where `value` holds the marker strings. */
function jsonWithDeep(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('"@@DEEP_ARRAY@@"', deepArray(50_000))
    .replaceAll('"@@DEEP_OBJECT@@"', deepObject(2_000))
    .replaceAll('"@@VERY_DEEP_OBJECT@@"', deepObject(50_000));
}

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;

const DEEP_ARRAY = '@@DEEP_ARRAY@@';
const DEEP_OBJECT = '@@DEEP_OBJECT@@';
const VERY_DEEP_OBJECT = '@@VERY_DEEP_OBJECT@@';

/** Every kind of wrong value, one per row or record, rotating through the fields. */
const WRONG: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -1e308,
  3.14159,
  '',
  ' ',
  '[]',
  '{}',
  'null',
  'NaN',
  [],
  {},
  [1, 2],
  { file: { file: 'x' } },
  'javascript:alert(1)',
  '\u0000',
  Number.MAX_SAFE_INTEGER + 2,
];

const wrong = (i: number, offset = 0) => WRONG[(i + offset) % WRONG.length];

export async function hostileApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const segments = url.pathname.split('/').filter(Boolean);
  segments.shift(); // "hostile"
  const [gate = '', scenario = 'none', source = '', ...rest] = segments.map(safeDecode);

  if (gate === '_heal') {
    healed.add(scenario);
    return json({ healed: scenario });
  }
  if (gate === '_log') return json(log.get(scenario) ?? []);

  const vendorPath = `/${rest.map(encodeURIComponent).join('/')}`;
  const isHealed = healed.has(gate);
  const entries = log.get(gate) ?? [];
  entries.push({ path: vendorPath, method: request.method, at: Date.now(), healed: isHealed });
  log.set(gate, entries);

  if (isHealed || scenario === 'none') return forward(request, `/mock/${source}${vendorPath}${url.search}`);
  if (scenario === 'timeout') {
    // The demo's `timeout` keeps a request open for 15 s, which also keeps the test server from
    // closing when the run ends; 3 s is as silent for a widget configured with a 300 ms timeout.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return json('[]');
  }
  if (!(VENDOR_SCENARIOS as readonly string[]).includes(scenario)) {
    return forward(request, `/mock/faults/${encodeURIComponent(scenario)}/${source}${vendorPath}${url.search}`);
  }
  const vendor = { csomni, algonomy, giosg }[source];
  if (!vendor) return json({ message: `No hostile mock for "${source}"` }, 404);
  return vendor(scenario as VendorScenario, vendorPath, url, request);
}

/** Hands a request to the demo's mock vendor APIs under another path. */
async function forward(request: Request, path: string): Promise<Response> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.arrayBuffer() : undefined;
  return mockApi(new Request(new URL(path, request.url), { method: request.method, headers: request.headers, body }));
}

const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

// ---------------------------------------------------------------- CS Omni

async function csomni(scenario: VendorScenario, path: string): Promise<Response> {
  const product = /^\/products\/([^/]+)\/full\/?$/.exec(path);
  if (product && scenario === 'many') {
    // Names never arrive for the 10,000 rows: this case is about rendering them.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return json({ message: 'Product not found' }, 404);
  }
  if (product && scenario === 'lookup-404') return json({ message: 'Product not found' }, 404);
  if (product) return json(csomniProduct(scenario, safeDecode(product[1])));
  if (/^\/frequentlyPurchased(\/forceRefresh)?\/?$/.test(path)) {
    switch (scenario) {
      case 'many':
      case 'many-named': {
        // Variants of 50 products, as a big shop's best sellers would be.
        const count = scenario === 'many' ? MANY : NAMED;
        return json(
          Array.from({ length: count }, (_, i) => ({
            variantToken: `vrnt_${i}`,
            quantity: count - i,
            price: `${(i % 90) + 1}.${String(i % 100).padStart(2, '0')}`,
            variantImage: i % 3 ? { file: `many/${i}.jpg`, id: 'a', status: 'poolImages' } : '',
            productToken: `prod_${i % NAMED_PRODUCTS}`,
          })),
        );
      }
      case 'nested':
        return json(
          jsonWithDeep([
            DEEP_ARRAY,
            {
              variantToken: DEEP_OBJECT,
              productToken: DEEP_OBJECT,
              quantity: DEEP_OBJECT,
              price: DEEP_OBJECT,
              variantImage: DEEP_OBJECT,
            },
            {
              variantToken: DEEP_ARRAY,
              productToken: DEEP_ARRAY,
              quantity: DEEP_ARRAY,
              price: DEEP_ARRAY,
              variantImage: DEEP_ARRAY,
            },
            {
              variantToken: 'vrnt_ok',
              productToken: 'prod_ok',
              quantity: 2,
              price: 1.5,
              variantImage: { file: DEEP_OBJECT, nested: VERY_DEEP_OBJECT },
            },
            VERY_DEEP_OBJECT,
          ]),
        );
      case 'lookup-404':
        return json(
          Array.from({ length: MISSING_ROWS }, (_, i) => ({
            variantToken: `vrnt_gone_${i}`,
            quantity: MISSING_ROWS - i,
            price: 2.5,
            variantImage: '',
            productToken: MISSING_PRODUCTS[i % MISSING_PRODUCTS.length],
          })),
        );
      case 'wrong-types':
        // Every field of every row holds a wrong type, a different one per row; a few rows have
        // a usable token so something can render.
        return json(
          WRONG.map((_, i) => ({
            variantToken: i % 4 === 0 ? `vrnt_w${i}` : wrong(i),
            quantity: wrong(i, 1),
            price: wrong(i, 2),
            variantImage: wrong(i, 3),
            productToken: i % 4 === 0 ? `prod_w${i}` : wrong(i, 4),
          })).concat(WRONG.map((value) => value) as never[]),
        );
      case 'wrong-envelope':
        return json({ frequentlyPurchased: [{ variantToken: 'vrnt_1', productToken: 'prod_1' }], status: 'OK' });
      case 'unicode':
        return json(
          UNICODE_NAMES.map((name, i) => ({
            variantToken: i % 2 ? `vrnt_ü${i}_😀` : `vrnt_${i}`,
            quantity: i + 1,
            price: i % 3 === 0 ? '١٢٫٥٠' : `${i}.5${i % 10}`,
            variantImage: { file: `ünïcödé/${name.slice(0, 30)}.jpg`, id: 'a', status: 'poolImages' },
            productToken: i % 2 ? `prod_عربي_${i}` : `prod_${i}`,
          })),
        );
    }
  }
  return json({ message: `No route ${path}` }, 404);
}

function csomniProduct(scenario: VendorScenario, token: string): unknown {
  switch (scenario) {
    case 'many-named': {
      const k = Number(token.replace('prod_', ''));
      return {
        prodToken: token,
        prodName: `Product ${k}`,
        prodPrice: '.00',
        variants: Array.from({ length: NAMED / NAMED_PRODUCTS }, (_, j) => {
          const i = j * NAMED_PRODUCTS + k;
          return {
            prodToken: token,
            variantToken: `vrnt_${i}`,
            variantName: `Variant ${i}`,
            variantPrice: (i % 90) + 1,
            variantVisible: 1,
            deleted: 0,
          };
        }),
      };
    }
    case 'nested':
      // Already JSON text: serializing a 50,000-deep value again would overflow the stack here.
      return jsonWithDeep({
        prodToken: token,
        prodName: 'OK product',
        prodImage: DEEP_OBJECT,
        prodPrice: DEEP_ARRAY,
        variants: [
          DEEP_ARRAY,
          DEEP_OBJECT,
          { variantToken: 'vrnt_ok', variantName: DEEP_OBJECT, variantPrice: DEEP_ARRAY },
        ],
      });
    case 'wrong-types':
      return {
        prodToken: 42,
        prodName: { en: 'Not a string' },
        prodImage: 'file.jpg',
        prodPrice: [],
        variants: { 0: { variantToken: 'vrnt_w0' } },
        variantInfo: 'none',
      };
    case 'unicode': {
      const index = Number(/_(\d+)$/.exec(token)?.[1] ?? 0);
      return {
        prodToken: token,
        prodName: UNICODE_NAMES[index] ?? '🙂',
        prodPrice: '.00',
        variants: [
          {
            variantToken: index % 2 ? `vrnt_ü${index}_😀` : `vrnt_${index}`,
            variantName: '',
            variantPrice: index + 0.5,
          },
        ],
      };
    }
    default:
      return { prodToken: token, prodName: 'Unused', variants: [] };
  }
}

// ---------------------------------------------------------------- Algonomy

function algonomy(scenario: VendorScenario, path: string, _url: URL, request: Request): Response {
  if (!/^\/api\/v1\/profile\/b2b\/productPurchased\/?$/.test(path) || request.method !== 'POST') {
    return json({ status: 'ERROR', message: `No route ${request.method} ${path}`, data: null }, 404);
  }
  const envelope = (data: Record<string, unknown>) => ({
    status: 'OK',
    message: '',
    data: { customerId: 2056, currentPage: 1, pageSize: 20, data: null, ...data },
  });
  switch (scenario) {
    case 'many':
    case 'many-named':
    case 'lookup-404':
      return json(
        envelope({
          totalCount: MANY,
          totalPages: 1,
          lastKey: null,
          dataList: Array.from({ length: MANY }, (_, i) => ({
            productKey: i,
            productCode: `50123${String(i).padStart(8, '0')}`,
            productName: `B2B product ${i}`,
            productDescription: '',
            productImgUrl: ' ',
            productQty: (i % 40) + 1,
            orderValue: `$${i},000.50`,
            productValue: `$ ${(i % 90) + 1}.9`,
            orderDate: '2024-03-05 10:00:00',
            customerId: 2056,
          })),
        }),
      );
    case 'nested':
      return json(
        jsonWithDeep({
          status: 'OK',
          message: DEEP_OBJECT,
          data: {
            customerId: DEEP_OBJECT,
            totalCount: DEEP_ARRAY,
            currentPage: DEEP_OBJECT,
            pageSize: DEEP_ARRAY,
            totalPages: 2,
            // The pointer to the next page is sent back with it: a runaway one must not crash.
            lastKey: VERY_DEEP_OBJECT,
            dataList: [
              DEEP_ARRAY,
              {
                productCode: DEEP_OBJECT,
                productName: DEEP_ARRAY,
                productValue: DEEP_OBJECT,
                orderDate: DEEP_ARRAY,
                productImgUrl: DEEP_OBJECT,
              },
              {
                productCode: '5012345000018',
                productName: 'OK product',
                productImgUrl: DEEP_OBJECT,
                productQty: DEEP_ARRAY,
                orderValue: DEEP_OBJECT,
                productValue: '$ 55.9',
                orderDate: VERY_DEEP_OBJECT,
              },
              VERY_DEEP_OBJECT,
            ],
            data: DEEP_ARRAY,
          },
        }),
      );
    case 'wrong-types':
      return json({
        status: 'OK',
        message: 42,
        data: {
          customerId: { id: 2056 },
          totalCount: 'lots',
          currentPage: [],
          pageSize: true,
          totalPages: '1',
          lastKey: 7,
          data: 'none',
          dataList: WRONG.map((_, i) => ({
            productKey: wrong(i),
            productCode: i % 4 === 0 ? `code-${i}` : wrong(i, 1),
            productName: wrong(i, 2),
            productDescription: wrong(i, 3),
            productImgUrl: wrong(i, 4),
            productQty: wrong(i, 5),
            orderValue: wrong(i, 6),
            productValue: wrong(i, 7),
            orderDate: wrong(i, 8),
            customerId: wrong(i, 9),
          })).concat(WRONG as never[]),
        },
      });
    case 'wrong-envelope':
      return json({ status: 200, message: { text: 'OK' }, data: [{ productCode: '1' }] });
    case 'unicode':
      return json(
        envelope({
          totalCount: UNICODE_NAMES.length,
          totalPages: 1,
          lastKey: null,
          dataList: UNICODE_NAMES.map((name, i) => ({
            productKey: i,
            productCode: i % 2 ? `كود-${i}-😀` : `code-${i}`,
            productName: name,
            productDescription: name,
            productImgUrl:
              i % 3 === 0 ? `${ASSET}/ünïcödé-${i}.jpg` : i % 3 === 1 ? 'javascript:alert(document.domain)' : ' ',
            productQty: i % 2 ? '٣' : i + 1,
            orderValue: i % 2 ? '١٢٣٫٤٥ ر.س' : '€ 1.234,50',
            productValue: i % 2 ? '$ ١٢' : `$${i}.99`,
            orderDate: i % 2 ? '٢٠٢٤-٠٣-٠٥' : '2024-03-05T10:00:00Z',
            customerId: 2056,
          })),
        }),
      );
  }
}

// ---------------------------------------------------------------- giosg

const cents = (value: number) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;

function giosg(scenario: VendorScenario, path: string): Response {
  const products = /\/shopping_carts\/([^/]+)\/products\/?$/.exec(path);
  const list = /\/shopping_carts\/?$/.test(path);
  if (!products && !list) return json({ detail: 'Not found.' }, 404);
  const page = (results: unknown) => ({ next: null, previous: null, results });
  const now = new Date().toISOString();
  const cart = (extra: Record<string, unknown> = {}) => ({
    id: GIOSG_CART,
    currency: 'EUR',
    created_at: now,
    updated_at: now,
    is_locked: false,
    locked_at: null,
    total_value: null,
    total_subscription_value: null,
    visitor_id: 'v1',
    ...extra,
  });
  switch (scenario) {
    case 'many':
    case 'many-named':
    case 'lookup-404':
      if (list) return json(page([cart()]));
      return json(
        page(
          manyLines().map((line, i) => ({
            id: `line-${i}`,
            name: `Line product ${i}`,
            category_name: `Category ${i % 12}`,
            value: cents(line.cents),
            quantity: i % 2 ? String(line.quantity) : line.quantity,
            is_deleted: false,
            deleted_at: null,
            subscription_value: null,
            monthly_quantity: null,
            shopping_cart_id: GIOSG_CART,
          })),
        ),
      );
    case 'nested':
      if (list) {
        return json(
          jsonWithDeep({
            next: null,
            previous: DEEP_OBJECT,
            results: [
              DEEP_ARRAY,
              { id: DEEP_OBJECT, currency: DEEP_ARRAY },
              cart({
                currency: DEEP_OBJECT,
                created_at: DEEP_ARRAY,
                total_value: DEEP_OBJECT,
                is_locked: DEEP_ARRAY,
                visitor_id: VERY_DEEP_OBJECT,
              }),
              VERY_DEEP_OBJECT,
            ],
            extra: VERY_DEEP_OBJECT,
          }),
        );
      }
      return json(
        jsonWithDeep({
          next: null,
          previous: null,
          results: [
            DEEP_ARRAY,
            { id: DEEP_ARRAY, name: DEEP_OBJECT },
            {
              id: 'line-ok',
              name: 'OK line',
              category_name: DEEP_OBJECT,
              value: '2.50',
              quantity: 2,
              is_deleted: DEEP_ARRAY,
              deleted_at: DEEP_OBJECT,
              subscription_value: DEEP_ARRAY,
              monthly_quantity: DEEP_OBJECT,
            },
            VERY_DEEP_OBJECT,
          ],
        }),
      );
    case 'wrong-types':
      if (list) {
        return json(
          page(
            WRONG.map((_, i) => ({
              id: i % 4 === 0 ? (i === 0 ? GIOSG_CART : `cart-${i}`) : wrong(i),
              currency: wrong(i, 1),
              created_at: wrong(i, 2),
              updated_at: wrong(i, 3),
              is_locked: wrong(i, 4),
              locked_at: wrong(i, 5),
              total_value: wrong(i, 6),
              total_subscription_value: wrong(i, 7),
              visitor_id: wrong(i, 8),
            })).concat(WRONG as never[]),
          ),
        );
      }
      return json(
        page(
          WRONG.map((_, i) => ({
            id: i % 3 === 0 ? `line-${i}` : wrong(i),
            name: wrong(i, 1),
            category_name: wrong(i, 2),
            description: wrong(i, 3),
            product_number: wrong(i, 4),
            value: wrong(i, 5),
            quantity: wrong(i, 6),
            subscription_value: wrong(i, 7),
            monthly_quantity: wrong(i, 8),
            is_deleted: wrong(i, 9),
            deleted_at: wrong(i, 10),
            created_at: wrong(i, 11),
            updated_at: wrong(i, 12),
          })).concat(WRONG as never[]),
        ),
      );
    case 'wrong-envelope':
      return json({ next: 42, previous: { cursor: 1 }, results: 'none', count: '5' });
    case 'unicode':
      if (list) return json(page([cart({ currency: '€', total_value: '€ ١٢٫٥٠', visitor_id: '访客-😀' })]));
      return json(
        page(
          UNICODE_NAMES.map((name, i) => ({
            id: `línea-${i}-😀`,
            name,
            category_name: UNICODE_NAMES[(i + 1) % UNICODE_NAMES.length],
            description: name,
            product_number: `№${i}`,
            value: i % 2 ? '١٢٫٥٠' : `${i}.25`,
            quantity: i % 2 ? '٢' : 1,
            is_deleted: false,
            deleted_at: null,
            subscription_value: null,
            monthly_quantity: null,
          })),
        ),
      );
  }
}
