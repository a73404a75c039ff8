/** CS Omni's facts, for the widgets' source and the proxy's route (see `vendor-contract.ts`). */
import type { VendorCall } from './vendor-contract.ts';

/** Newer docs also name `https://storeapi.csomni.com`, so the base is a setting. */
export const CSOMNI_BASE_URL = 'https://apistore.csomni.com';

/** GET: a site's (or, with a customer token, a customer's) most purchased variants. */
export const CSOMNI_LIST_PATH = '/frequentlyPurchased';
/** GET: the same, recomputed by the vendor now. */
export const CSOMNI_REFRESH_PATH = '/frequentlyPurchased/forceRefresh';
/** GET: a product with its variants (the names the list lacks). */
export const csomniProductPath = (token: string): string => `/products/${token}/full`;
/** Query parameters a product look-up may carry. */
export const CSOMNI_PRODUCT_QUERY = ['responseData'] as const;
/** POST: creates or returns the customer's cart, `{ cartToken }`. */
export const CSOMNI_CART_PATH = '/cart';
/** POST: adds `{ prodToken, cartProdQuantity }` to a cart. */
export const csomniCartProductsPath = (cartToken: string): string => `/cartprods/${cartToken}`;
/** POST: the same without a cart token, into the customer's cart (the widgets use the one above). */
export const CSOMNI_ANY_CART_PRODUCTS_PATH = '/cartprods';

/**
 * Each call with its method (`@__PURE__`: a bundle that reads only the paths drops the table).
 * The proxy's allowlist reads it:, paths with `:name` for their segments: the proxy's allowlist. */
export const CSOMNI_CALLS = {
  list: { method: 'GET', path: CSOMNI_LIST_PATH },
  refresh: { method: 'GET', path: CSOMNI_REFRESH_PATH },
  product: { method: 'GET', path: /* @__PURE__ */ csomniProductPath(':token') },
  cart: { method: 'POST', path: CSOMNI_CART_PATH },
  cartProducts: { method: 'POST', path: /* @__PURE__ */ csomniCartProductsPath(':cartToken') },
  anyCartProducts: { method: 'POST', path: CSOMNI_ANY_CART_PRODUCTS_PATH },
} as const satisfies Record<string, VendorCall>;

/** The site token's header, on every call. */
export const CSOMNI_SITE_TOKEN_HEADER = 'token';
/** The customer token's header, on customer calls. */
export const CSOMNI_CUSTOMER_TOKEN_HEADER = 'customerToken';

/** Largest `cartProdQuantity` one add-to-cart call sends. */
export const CSOMNI_MAX_CART_QUANTITY = 999;
