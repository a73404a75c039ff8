import { subtractMoney, sumMoney, type Money } from './core/money.ts';

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

// What a cart shows, whatever vendor it came from.

/** The items' sum, the vendor's adjustments to it, and the totals, as a cart shows them. */
export interface CartTotals {
  /** Sum of the lines in the cart (deleted ones excluded); null when lines are unknown or unpriced. */
  items: Money | null;
  /** `totalValue` minus the items' sum (discounts and delivery); null when it is zero or unknown. */
  adjustments: Money | null;
  /** The vendor's `totalValue`, else the items' sum. */
  total: Money | null;
  /** Monthly subscriptions: the vendor's `totalSubscriptionValue`, else the lines' sum. */
  subscriptions: Money | null;
}

/**
 * The figures a cart shows. Deleted lines are out of every sum. The items' sum is unknown (null)
 * when the lines are (room scope) or when a counted line has no price, so no adjustment is
 * guessed from it.
 */
export function cartTotals(cart: Cart): CartTotals {
  const counted = cart.lines?.filter((line) => !line.isDeleted) ?? null;
  let items: Money | null = null;
  if (counted && counted.every((line) => line.quantity === 0 || line.lineTotal !== null)) {
    items = sumMoney(
      counted.map((line) => line.lineTotal),
      cart.currency,
    );
  }
  const difference = subtractMoney(cart.totalValue, items);
  const lineSubscriptions = counted?.some((line) => line.subscriptionTotal)
    ? sumMoney(
        counted.map((line) => line.subscriptionTotal),
        cart.currency,
      )
    : null;
  return {
    items,
    adjustments: difference && difference.amount !== 0 ? difference : null,
    total: cart.totalValue ?? items,
    subscriptions: cart.totalSubscriptionValue ?? lineSubscriptions,
  };
}

/** Newest first by `updatedAt`, else `createdAt`; carts without either go last. */
export function newestFirst(carts: readonly Cart[]): Cart[] {
  const time = (cart: Cart) => (cart.updatedAt ?? cart.createdAt)?.getTime() ?? -Infinity;
  return [...carts].sort((a, b) => time(b) - time(a));
}

/**
 * The cart `<cart-summary>` shows by default: `cartId`'s when given (undefined when it is not
 * among them), else the most recently updated unlocked cart, else the most recent one.
 */
export function pickCart(carts: readonly Cart[], cartId?: string): Cart | undefined {
  if (cartId) return carts.find((cart) => cart.id === cartId);
  const sorted = newestFirst(carts);
  return sorted.find((cart) => !cart.isLocked) ?? sorted[0];
}
