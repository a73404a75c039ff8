import { limit as concurrencyLimit } from '../core/limit.ts';
import { coded, requiredInDirectMode } from '../core/errors.ts';
import { parseMoney } from '../core/money.ts';
import { encodePathSegment, fillUrlTemplate, joinUrl } from '../core/url.ts';
import type { PurchasedItem } from '../model.ts';
import { decimal, isRecord, text } from './read.ts';
import {
  CSOMNI_BASE_URL,
  CSOMNI_CART_PATH,
  CSOMNI_CUSTOMER_TOKEN_HEADER,
  CSOMNI_LIST_PATH,
  CSOMNI_REFRESH_PATH,
  CSOMNI_SITE_TOKEN_HEADER,
  csomniCartProductsPath,
  csomniProductPath,
} from './csomni.contract.ts';
import { cacheKey, createSourceClient, sourceCache, type PurchaseSource, type SourceContext } from './source.ts';

export const CSOMNI_DEFAULT_BASE = CSOMNI_BASE_URL;

export interface CsomniOptions {
  /** `site-token`: the site's `site_…` token (direct mode; the proxy adds it otherwise). */
  siteToken?: string;
  /** `customer-token`: the customer's `cs_…` token (direct mode). Without it: the site's list. */
  customerToken?: string;
  /** `force-refresh`: ask for `/frequentlyPurchased/forceRefresh`. */
  forceRefresh?: boolean;
  /** `image-base-url`: prefix for image `file` paths. */
  imageBaseUrl?: string;
  /** `product-url`: template with `{productId}` and `{variantId}`. */
  productUrl?: string;
}

interface NormalizeOptions {
  currency: string;
  imageBaseUrl?: string;
  productUrl?: string;
}

/**
 * A `variantImage` or `prodImage` as its file path: objects with a real `file`; never `""`,
 * `[]`, `{file:"[]"}`, `{type:""}` or `{file:""}`.
 */
export function imageFile(image: unknown): string | null {
  if (!isRecord(image)) return null;
  const file = text(image.file).replace(/\\\//g, '/');
  return file && !/^(\[\]|\{\}|null)$/.test(file) ? file : null;
}

/** Quantities arrive as `145` and as `"17"`; anything else (or negative) is null. */
export function quantity(value: unknown): number | null {
  const number = decimal(value);
  return number === null ? null : Math.floor(number);
}

/**
 * Normalizes a `/frequentlyPurchased` answer into items. Accepts anything and never throws.
 * Rows without a token are dropped; repeated tokens show once (the first, most bought, wins).
 * A `prod_…` token in `variantToken` is a product-level row. Rows that name no product at all
 * (empty `productToken` and a variant token) cannot be looked up or linked: `available: false`.
 */
export function normalizeFrequentlyPurchased(data: unknown, options: NormalizeOptions): PurchasedItem[] {
  if (!Array.isArray(data)) return [];
  const items = new Map<string, PurchasedItem>();
  for (const row of data) {
    if (!isRecord(row)) continue;
    const variantToken = text(row.variantToken);
    let productToken = text(row.productToken);
    if (!variantToken && !productToken) continue;
    const productLevel = variantToken.startsWith('prod_');
    if (productLevel && !productToken) productToken = variantToken;
    const variantId = productLevel ? null : variantToken || null;
    const id = variantId ?? productToken;
    const productId = productToken || null;
    const item: PurchasedItem = {
      id,
      productId,
      variantId,
      name: null,
      imageUrl: joinUrl(options.imageBaseUrl, imageFile(row.variantImage)),
      price: row.price === '' ? null : parseMoney(row.price, options.currency),
      quantity: quantity(row.quantity),
      orderValue: null,
      lastOrderedAt: null,
      // A template with `{variantId}` links no product-level row (no variant to fill it with).
      url: productId ? fillUrlTemplate(options.productUrl, { productId, variantId }) : null,
      available: productId !== null,
    };
    const first = items.get(id);
    // A repeated token shows once, where it first stood (the most bought); later rows only
    // fill in what the first lacked (the vendor's samples repeat a token with and without data).
    items.set(id, first ? mergeRow(first, item) : item);
  }
  return [...items.values()];
}

function mergeRow(first: PurchasedItem, later: PurchasedItem): PurchasedItem {
  const productId = first.productId ?? later.productId;
  return {
    ...first,
    productId,
    imageUrl: first.imageUrl ?? later.imageUrl,
    price: first.price ?? later.price,
    url: first.url ?? later.url,
    available: productId !== null,
  };
}

/** What a `/products/{token}/full` answer adds to an item: its name, and what it lacked. */
export interface ProductDetails {
  name: string | null;
  price: PurchasedItem['price'];
  imageUrl: string | null;
  /** The variant to put in the cart: the item's own, else the product's first visible one. */
  cartVariantId: string | null;
}

/**
 * Reads a product with its variants. The name is the product's (trimmed: vendors leave tabs)
 * plus the variant's when it has one. Accepts anything and never throws.
 */
export function normalizeProductDetails(
  data: unknown,
  variantId: string | null,
  options: NormalizeOptions,
): ProductDetails {
  const product = isRecord(data) ? data : {};
  const variants = Array.isArray(product.variants) ? product.variants.filter(isRecord) : [];
  const variant = variantId ? variants.find((v) => text(v.variantToken) === variantId) : undefined;
  const usable = variants.filter(
    (v) =>
      v.deleted !== 1 &&
      v.deleted !== '1' &&
      v.variantVisible !== 0 &&
      v.variantVisible !== '0' &&
      text(v.variantToken),
  );
  const productName = text(product.prodName).replace(/\s+/g, ' ');
  const variantName = variant ? text(variant.variantName).replace(/\s+/g, ' ') : '';
  const name = productName
    ? variantName && variantName !== productName
      ? `${productName} – ${variantName}`
      : productName
    : variantName || null;
  const priceSource = variant?.variantPrice ?? (usable.length === 1 ? usable[0].variantPrice : undefined);
  const productPrice = parseMoney(product.prodPrice, options.currency);
  const price =
    parseMoney(priceSource, options.currency) ?? (productPrice && productPrice.amount > 0 ? productPrice : null);
  const imageUrl = joinUrl(options.imageBaseUrl, imageFile(variant?.variantImage) ?? imageFile(product.prodImage));
  const cartVariantId = variantId ?? (usable.length ? text(usable[0].variantToken) : null);
  return { name, price, imageUrl, cartVariantId };
}

/**
 * The CS Omni source: `GET /frequentlyPurchased` (or `/forceRefresh`), names from
 * `GET /products/{productToken}/full` (at most four in flight, cached), and Add to cart through
 * `POST /cart` then `POST /cartprods/{cartToken}`.
 */
export function createCsomniSource(context: SourceContext, options: CsomniOptions): PurchaseSource {
  const { connection } = context;
  const direct = connection.mode === 'direct';
  const session = direct ? undefined : connection.customerSession;
  if (direct && !options.siteToken) throw requiredInDirectMode('site-token');
  const client = createSourceClient('csomni', context, {
    [CSOMNI_SITE_TOKEN_HEADER]: options.siteToken,
    [CSOMNI_CUSTOMER_TOKEN_HEADER]: options.customerToken,
  });
  const cache = sourceCache(context);
  const identity = direct ? [options.siteToken, options.customerToken] : [session];
  const normalizeOptions: NormalizeOptions = { ...options, currency: context.currency };
  const lookups = concurrencyLimit(4);
  let cartToken: Promise<string> | undefined;
  const hasCustomer = Boolean(direct ? options.customerToken : session);
  let listKey: string | undefined;

  // Catalogue data: shared by every customer of the site, cached at least a minute, unless
  // `cache-ttl="0"` turned caching off (identical look-ups in flight are still shared).
  const productTtl = context.cacheTtl > 0 ? Math.max(context.cacheTtl, 60_000) : 0;
  const productKey = (productId: string) =>
    cacheKey(client, csomniProductPath(encodePathSegment(productId)), identity.slice(0, 1));
  const product = (productId: string, signal?: AbortSignal) =>
    cache.read(
      productKey(productId),
      (s) => client.request({ path: csomniProductPath(encodePathSegment(productId)), signal: s }),
      { ttl: productTtl, signal },
    );
  const withDetails = (item: PurchasedItem, data: unknown): PurchasedItem => {
    const details = normalizeProductDetails(data, item.variantId, normalizeOptions);
    return {
      ...item,
      name: details.name,
      price: item.price ?? details.price,
      imageUrl: item.imageUrl ?? details.imageUrl,
    };
  };

  return {
    readsFirstPage: (key) => key === listKey,

    async loadPage(_page, { signal, force }) {
      const path = options.forceRefresh ? CSOMNI_REFRESH_PATH : CSOMNI_LIST_PATH;
      // The answer is checked inside the load, so an answer that is not a list is never cached.
      const load = async (s: AbortSignal) => {
        const data = await client.request({ path, signal: s, fresh: force });
        if (!Array.isArray(data)) throw coded('invalid-response', 30);
        return data as unknown[];
      };
      listKey = cacheKey(client, path, identity);
      const data = await cache.read(listKey, load, { ttl: context.cacheTtl, force, signal });
      return { items: normalizeFrequentlyPurchased(data, normalizeOptions), hasMore: false };
    },

    withCachedDetails(items) {
      return items.map((item) => {
        if (!item.productId || item.name !== null || !productTtl) return item;
        const data = cache.peek(productKey(item.productId), productTtl);
        return data === undefined ? item : withDetails(item, data);
      });
    },

    async enrich(items, { signal, onItem }) {
      // One look-up per product, however many cards show its variants: a failed look-up is
      // not cached, so asking per card would repeat it for every card.
      const byProduct = new Map<string, PurchasedItem[]>();
      for (const item of items) {
        if (!item.productId || item.name !== null) continue;
        const group = byProduct.get(item.productId);
        if (group) group.push(item);
        else byProduct.set(item.productId, [item]);
      }
      await Promise.all(
        [...byProduct].map(([productId, group]) =>
          lookups(async () => {
            if (signal?.aborted) return;
            let data: unknown;
            try {
              data = await product(productId, signal);
            } catch {
              // A failed look-up leaves usable cards without a name; aborts end quietly.
              return;
            }
            for (const item of group) onItem(withDetails(item, data));
          }),
        ),
      );
    },

    // Without a customer, `POST /cart` makes a guest cart the shop never shows: leave adding to
    // the page (the cancelable add-to-cart event), as for sources without a cart API.
    addToCart: hasCustomer ? addToCart : undefined,
  };

  async function addToCart(item: PurchasedItem, count: number, { signal }: { signal?: AbortSignal }): Promise<void> {
    let variant = item.variantId;
    if (!variant && item.productId) {
      variant = normalizeProductDetails(await product(item.productId, signal), null, normalizeOptions).cartVariantId;
    }
    if (!variant) throw coded('invalid-response', 31);
    const cart = (cartToken ??= client
      .request<{ cartToken?: unknown }>({ method: 'POST', path: CSOMNI_CART_PATH, body: {}, signal, retries: 0 })
      .then((answer) => {
        const token = text(answer?.cartToken);
        if (!token) throw coded('invalid-response', 32);
        return token;
      }));
    const added = cart.then((token) =>
      client.request({
        method: 'POST',
        path: csomniCartProductsPath(encodePathSegment(token)),
        body: { prodToken: variant, cartProdQuantity: count },
        signal,
        retries: 0,
      }),
    );
    // Whether the cart's look-up or the add to it failed, the next add asks for the customer's
    // cart again: the cart may be gone (checked out, closed) since it was given. Only this cart:
    // a newer one, asked for since by an add after another failure, stays.
    added.catch(() => {
      if (cartToken === cart) cartToken = undefined;
    });
    await added;
  }
}
