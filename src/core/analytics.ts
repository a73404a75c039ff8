import { WidgetAnalyticsEvent } from '../events.ts';
import { onConfigure, pageDefault } from './config.ts';
import { minorDigits, multiplyMoney, sumMoney, type Money } from './money.ts';
import type { Cart, PurchasedItem } from '../model.ts';
import { loadDataLayer } from './data-layer-module.ts';
import { warn } from './errors.ts';

/** The GA4 ecommerce events the widgets report. */
export type AnalyticsEventName = 'view_item_list' | 'select_item' | 'add_to_cart' | 'view_cart';

/** One item in GA4's item shape. Fields the widget does not know are left out, never null. */
export interface AnalyticsItem {
  item_id: string;
  item_name?: string;
  item_variant?: string;
  item_category?: string;
  /** The price of one, in major units (19.99), from the exact amount. */
  price?: number;
  quantity: number;
  /** Position in the list, from 0. */
  index: number;
  item_list_id: string;
  item_list_name: string;
  currency?: string;
}

/** The `ecommerce` object of a GA4 event. */
export interface AnalyticsEcommerce {
  item_list_id: string;
  item_list_name: string;
  currency?: string;
  /** `add_to_cart` and `view_cart`: the exact sum of price x quantity, in major units. */
  value?: number;
  items: AnalyticsItem[];
}

/** `widget-analytics`'s detail: exactly what a dataLayer gets. */
export interface AnalyticsDetail {
  event: AnalyticsEventName;
  ecommerce: AnalyticsEcommerce;
}

/** Which list an event is about: the source id and the heading the shopper saw. */
export interface ItemList {
  id: string;
  name: string;
}

/** What an element knows of one item; nothing about the shopper. */
export interface AnalyticsEntry {
  id: string;
  name?: string | null;
  variant?: string | null;
  category?: string | null;
  price: Money | null;
  /** Whole (GA4's): price × quantity is what the entry counts in `value`. */
  quantity: number;
  index: number;
}

/**
 * An exact amount in major units, as GA4 takes it: 1999 USD cents is 19.99. Dividing integers
 * gives the double nearest the decimal, whose shortest form is the decimal itself.
 */
export function majorUnits(money: Money): number {
  return money.amount / 10 ** minorDigits(money.currency);
}

/** The object without its null and undefined fields: GA4 items leave out what is unknown. */
const known = <T>(fields: { [K in keyof T]: T[K] | null }): T =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value != null)) as T;

/** The dataLayer bridge, loaded the first time an event finds a dataLayer configured. */
let bridge: Promise<typeof import('./data-layer.ts') | undefined> | undefined;

/**
 * Fires `widget-analytics` on `host` with the GA4 object for `entries`, and hands a copy to the
 * dataLayer bridge when the page configured one. `value` (add_to_cart, view_cart) sums the exact
 * minor units and converts once, at the end.
 */
export function reportAnalytics(
  host: Element,
  event: AnalyticsEventName,
  list: ItemList,
  entries: readonly AnalyticsEntry[],
  currency?: string,
): void {
  const code = currency ?? entries.find((entry) => entry.price)?.price!.currency;
  const valued = event === 'add_to_cart' || event === 'view_cart';
  const detail: AnalyticsDetail = {
    event,
    ecommerce: known<AnalyticsEcommerce>({
      item_list_id: list.id,
      item_list_name: list.name,
      currency: code,
      value:
        valued && code && entries.length
          ? majorUnits(
              sumMoney(
                entries.map((entry) => multiplyMoney(entry.price, entry.quantity)),
                code,
              ),
            )
          : undefined,
      items: entries.map((entry) =>
        known<AnalyticsItem>({
          item_id: entry.id,
          item_name: entry.name || undefined,
          item_variant: entry.variant,
          item_category: entry.category,
          price: entry.price && majorUnits(entry.price),
          quantity: entry.quantity,
          index: entry.index,
          item_list_id: list.id,
          item_list_name: list.name,
          currency: entry.price?.currency,
        }),
      ),
    }),
  };
  if (pageDefault('dataLayer')) {
    // A copy: a handler of the DOM event (or GTM, which marks what it reads) may change its own.
    const copy = JSON.parse(JSON.stringify(detail)) as AnalyticsDetail;
    // One promise for every event, so they reach the bridge in the order they happened. A bridge
    // that cannot load (a self-hosted copy without it) is one warning, not one per event.
    void (bridge ??= loadDataLayer().catch((error: unknown) => void warn('storefront-widgets: SW55', error))).then(
      (module) => module?.pushToDataLayer(copy, pageDefault, onConfigure),
    );
  }
  host.dispatchEvent(new WidgetAnalyticsEvent(detail));
}

/**
 * `<buy-again-list>` items as entries: the product id (the variant's where there is no product),
 * the variant, `quantity` of each (one where nothing is added), at their place in `list`. What
 * the shopper bought how often is theirs, and is left out.
 */
export function purchasedEntries(
  items: readonly PurchasedItem[],
  list: readonly PurchasedItem[],
  quantity = 1,
): AnalyticsEntry[] {
  return items.map((item) => ({
    id: item.productId ?? item.id,
    name: item.name,
    variant: item.productId && item.variantId,
    price: item.price,
    quantity,
    index: list.indexOf(item),
  }));
}

/**
 * A cart's lines as entries: those in it now, bought once (not subscriptions only), by product
 * number. GA4 quantities are whole: a line of a fractional quantity (0.5 kg, 1.5) is one at its
 * line total, so price × quantity is the line total shown, exact, for every line.
 */
export function cartEntries(cart: Cart): AnalyticsEntry[] {
  return (cart.lines ?? [])
    .filter((line) => !line.isDeleted && line.quantity > 0)
    .map((line, index) => ({
      id: line.productNumber ?? line.id,
      name: line.name,
      category: line.category,
      price: line.quantity % 1 ? line.lineTotal : line.unitValue,
      quantity: line.quantity % 1 ? 1 : line.quantity,
      index,
    }));
}
