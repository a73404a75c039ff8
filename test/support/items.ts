import type { PurchasedItem } from '../../src/model.ts';

/** A purchased item as the model has it: every field empty but `available`, then `overrides`. */
export const purchasedItem = (overrides: Partial<PurchasedItem> & Pick<PurchasedItem, 'id'>): PurchasedItem => ({
  productId: null,
  variantId: null,
  name: null,
  imageUrl: null,
  price: null,
  quantity: 1,
  orderValue: null,
  lastOrderedAt: null,
  url: null,
  available: true,
  ...overrides,
});
