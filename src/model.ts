import type { Money } from './core/money.ts';

export type { Money };

/** One product a shopper bought before, as every purchase-history source normalizes it. */
export interface PurchasedItem {
  /** Unique within a list: the variant's id, else the product's. */
  id: string;
  productId: string | null;
  variantId: string | null;
  /** Null until known (CS Omni names arrive from a second look-up). */
  name: string | null;
  /** An `http:`, `https:` or relative URL, or null. */
  imageUrl: string | null;
  price: Money | null;
  /** How many the shopper (or the site) bought. */
  quantity: number | null;
  orderValue: Money | null;
  lastOrderedAt: Date | null;
  /** Product page: an `http:`, `https:` or relative URL, or null. */
  url: string | null;
  /** False when the source could not resolve the row to a product. */
  available: boolean;
}

/** One line of a cart. Values are per piece; totals are exact. */
export interface CartLine {
  id: string;
  name: string;
  description: string | null;
  category: string | null;
  productNumber: string | null;
  /** Price of one piece. */
  unitValue: Money | null;
  quantity: number;
  /** unitValue x quantity. */
  lineTotal: Money | null;
  /** Monthly fee of one subscription. */
  subscriptionValue: Money | null;
  monthlyQuantity: number;
  /** subscriptionValue x monthlyQuantity, per month. */
  subscriptionTotal: Money | null;
  isDeleted: boolean;
  deletedAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** A shopper's basket. `lines` is null where the API offers no line items (room scope). */
export interface Cart {
  id: string;
  visitorId: string | null;
  currency: string;
  createdAt: Date | null;
  updatedAt: Date | null;
  isLocked: boolean;
  lockedAt: Date | null;
  /** The vendor's total, with discounts and delivery; excludes subscriptions. */
  totalValue: Money | null;
  /** Monthly subscription total. */
  totalSubscriptionValue: Money | null;
  lines: CartLine[] | null;
}
