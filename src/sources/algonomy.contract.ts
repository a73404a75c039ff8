/**
 * Algonomy RCDP's facts, for the widgets' source and the proxy's route (see
 * `vendor-contract.ts`). One export per fact, so a bundle keeps only those it uses. There is no
 * default base URL: every tenant has its own host.
 */
import type { VendorCall } from './vendor-contract.ts';

/** POST: a B2B customer's purchased products, one page per call, body `{ page, pageSize, lastKey }`. */
export const ALGONOMY_PRODUCT_PURCHASED_PATH = '/api/v1/profile/b2b/productPurchased';
/** POST: creates an access token (credential headers below; the body lists the `resource`s it may call). */
export const ALGONOMY_CREATE_TOKEN_PATH = '/secureApi/token/profile/create';

/** Each call with its method. */
export const ALGONOMY_CALLS = {
  productPurchased: { method: 'POST', path: ALGONOMY_PRODUCT_PURCHASED_PATH },
  createToken: { method: 'POST', path: ALGONOMY_CREATE_TOKEN_PATH },
} as const satisfies Record<string, VendorCall>;
/** The `resource` a token needs for the purchased-products call. */
export const ALGONOMY_TOKEN_RESOURCE = 'productPurchased';

export const ALGONOMY_ACCESS_TOKEN_HEADER = 'access_token';
export const ALGONOMY_TENANT_HASH_HEADER = 'tenant_hash';
export const ALGONOMY_OAUTH_KEY_SECRET_HEADER = 'oauth_key_secret';

/** The customer identifiers (at least one per call) and the header each travels in. */
export const ALGONOMY_IDENTIFIERS = {
  gcrId: 'gcrId',
  email: 'email_address',
  mobileNumber: 'mobile_number',
  customerCode: 'customer_code_external',
} as const;
export type AlgonomyIdentifier = keyof typeof ALGONOMY_IDENTIFIERS;

/** Paging: `page` counts from 1, `pageSize` rows a page. */
export const ALGONOMY_MAX_PAGE = 100_000;
export const ALGONOMY_MAX_PAGE_SIZE = 500;
/**
 * The fields of a `lastKey`, the pointer a page returns for the next, as documented:
 * `{ "HK_CUSTOMER_CODE": "1_1092", "RK_DATE_KEY": 5 }`.
 */
export const ALGONOMY_LAST_KEY_FIELDS = ['HK_CUSTOMER_CODE', 'RK_DATE_KEY'] as const;
