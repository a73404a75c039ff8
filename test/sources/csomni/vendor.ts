import { RequestCache } from '../../../src/core/cache.ts';
import type { PurchasedItem } from '../../../src/model.ts';
import { type CsomniOptions } from '../../../src/sources/csomni.ts';
import { CSOMNI_CALLS } from '../../../src/sources/csomni.contract.ts';
import type { SourceContext } from '../../../src/sources/source.ts';
import type { RecordedRequest } from '../../support/fake-fetch.ts';
import { mockApiFetch } from '../../support/mocks/mock-api.ts';
import { whichCall } from '../../support/vendors/calls.ts';
import { purchasedItem } from '../../support/items.ts';

/** The context, credentials and items the CS Omni source tests share (requests are recorded by `recordingFetch`). */

export const direct = (fetch: typeof globalThis.fetch, overrides: Partial<SourceContext> = {}): SourceContext => ({
  connection: { mode: 'direct', apiBase: 'https://apistore.csomni.example' },
  cacheTtl: 300_000,
  currency: 'USD',
  cache: new RequestCache(),
  fetch,
  ...overrides,
});

/** A context on the demo's mock CS Omni API (`/mock/csomni`), and the requests it sent there. */
export function onMockApi() {
  const api = mockApiFetch();
  const context = direct(api.fetch, { connection: { mode: 'direct', apiBase: 'http://x/mock/csomni' }, cacheTtl: 0 });
  return { api, context };
}

export const site: CsomniOptions = { siteToken: 'site_dg30sdfsgdsgsvv', customerToken: 'cs_123456' };

export const item = (overrides: Partial<PurchasedItem> = {}): PurchasedItem =>
  purchasedItem({ id: 'vrnt_oat1', productId: 'prod_oatmilk', variantId: 'vrnt_oat1', ...overrides });

/** The product a request looks up, if it is a product look-up. */
export const productToken = (request: RecordedRequest) => {
  const call = whichCall(CSOMNI_CALLS, request);
  return call?.name === 'product' ? call.params.token : undefined;
};
