/**
 * `storefront-widgets/react`: React components for `<buy-again-list>` and `<cart-summary>`,
 * made with `@lit/react`. Props set the elements' properties (`apiBase`, `siteToken`,
 * `userId`, ...); the widgets' events arrive as typed `on…` props:
 *
 * ```tsx
 * <BuyAgainList proxyUrl="/widgets" onAddToCart={(event) => {
 *   event.waitUntil(cart.add(event.detail.item.variantId, event.detail.quantity));
 * }} />
 * ```
 *
 * Importing this module registers both tags (as `storefront-widgets/define` does), so a wrapper
 * never renders an element that nothing upgrades.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { BuyAgainList as BuyAgainListElement, CartSummary as CartSummaryElement, defineWidgets } from './define.ts';
import type {
  AddToCartEvent,
  BuyAgainListLoadDetail,
  CartSummaryLoadDetail,
  ItemSelectEvent,
  ReorderEvent,
  WidgetAnalyticsEvent,
  WidgetErrorEvent,
  WidgetLoadEvent,
} from './events.ts';

// Called, not just imported: bundlers drop a bare import of a module they are told (by
// `sideEffects`) has none, and this module's own code must keep the registration.
defineWidgets();

const onWidgetError = 'widget-error' as EventName<WidgetErrorEvent>;
const onWidgetAnalytics = 'widget-analytics' as EventName<WidgetAnalyticsEvent>;

/**
 * `<buy-again-list>` as a React component: `onAddToCart`, `onItemSelect`, `onWidgetLoad`, `onWidgetError`,
 * `onWidgetAnalytics`.
 */
export const BuyAgainList = createComponent({
  react: React,
  tagName: 'buy-again-list',
  elementClass: BuyAgainListElement,
  displayName: 'BuyAgainList',
  events: {
    onWidgetLoad: 'widget-load' as EventName<WidgetLoadEvent<BuyAgainListLoadDetail>>,
    onWidgetError,
    onWidgetAnalytics,
    onAddToCart: 'add-to-cart' as EventName<AddToCartEvent>,
    onItemSelect: 'item-select' as EventName<ItemSelectEvent>,
  },
});

/** `<cart-summary>` as a React component: `onWidgetLoad`, `onWidgetError`, `onReorder`, `onWidgetAnalytics`. */
export const CartSummary = createComponent({
  react: React,
  tagName: 'cart-summary',
  elementClass: CartSummaryElement,
  displayName: 'CartSummary',
  events: {
    onWidgetLoad: 'widget-load' as EventName<WidgetLoadEvent<CartSummaryLoadDetail>>,
    onWidgetError,
    onReorder: 'reorder' as EventName<ReorderEvent>,
    onWidgetAnalytics,
  },
});

export type BuyAgainListProps = React.ComponentProps<typeof BuyAgainList>;
export type CartSummaryProps = React.ComponentProps<typeof CartSummary>;
export type {
  AddToCartEvent,
  BuyAgainListLoadDetail,
  CartSummaryLoadDetail,
  ItemSelectEvent,
  ReorderDetail,
  ReorderEvent,
  WidgetAnalyticsEvent,
  WidgetErrorEvent,
  WidgetLoadEvent,
} from './events.ts';
export type { AnalyticsDetail } from './core/analytics.ts';
export type { PurchasedItem, Cart, CartLine } from './model.ts';
