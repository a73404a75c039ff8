/**
 * The templates of `<cart-summary>` that are pure functions of what they render: a line (the
 * element guards each one and reveals a long cart's lines in pieces), a cart's totals, and Buy
 * again with what its last press came to.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Money } from '../../core/money.ts';
import type { CartLine, CartTotals } from '../../model.ts';
import type { CartKey } from '../../core/messages.ts';
import type { LocalizeController } from '../shared/localize-controller.ts';

/** A cart's sums: items and adjustments where both are given, the total, monthly subscriptions. */
export function totalsTemplate(localize: LocalizeController<CartKey>, totals: CartTotals): TemplateResult {
  return html`
    <dl part="totals" class="totals">
      ${
        totals.adjustments && totals.items
          ? html`
              <div class="minor">
                <dt>${localize.t('itemsSubtotal')}</dt>
                <dd>${localize.money(totals.items)}</dd>
              </div>
              <div class="minor">
                <dt>${localize.t('adjustments')}</dt>
                <dd>${localize.money(totals.adjustments)}</dd>
              </div>
            `
          : nothing
      }
      ${
        totals.total
          ? html`<div part="total" class="grand">
              <dt>${localize.t('total')}</dt>
              <dd>${localize.money(totals.total)}</dd>
            </div>`
          : nothing
      }
      ${
        totals.subscriptions && totals.subscriptions.amount !== 0
          ? html`<div part="subscription-total">
              <dt>${localize.t('subscriptionTotal')}</dt>
              <dd>${perMonth(localize, totals.subscriptions)}</dd>
            </div>`
          : nothing
      }
    </dl>
  `;
}

/** Whether a line has a monthly subscription to show. */
const hasSubscription = (line: CartLine) => line.monthlyQuantity > 0 && line.subscriptionValue !== null;

/** One line: its name (struck through if deleted), category, "quantity × price" and total. */
export function lineTemplate(localize: LocalizeController<CartKey>, line: CartLine): TemplateResult {
  return hasSubscription(line) || line.isDeleted ? anyLineTemplate(localize, line) : plainLineTemplate(localize, line);
}

/** Any line, as `lineTemplate` draws it (the plain line's own template draws the same, element for element). */
export function anyLineTemplate(localize: LocalizeController<CartKey>, line: CartLine): TemplateResult {
  const name = line.name || localize.t('unnamedItem');
  const subscription = hasSubscription(line);
  // A subscription-only line has no one-off part to show.
  const oneOff = line.quantity > 0 || !subscription;
  return html`
    <li part="line" class="line ${line.isDeleted ? 'deleted' : ''}">
      <div class="what">
        <span part="line-name" class="name" lang=${line.name ? (localize.contentLang ?? nothing) : nothing}
          >${line.isDeleted ? html`<del>${name}</del>` : name}</span
        >
        ${line.isDeleted ? html`<span class="removed">${localize.t('removed')}</span>` : nothing}
        ${
          line.category
            ? html`<span class="category" lang=${localize.contentLang ?? nothing}>${line.category}</span>`
            : nothing
        }
      </div>
      <span part="line-quantity" class="quantity">
        ${oneOff ? html`<span>${quantityTimesPrice(localize, line)}</span>` : nothing}
        ${
          subscription
            ? html`<span>${perMonth(localize, line.subscriptionValue!, line.monthlyQuantity)}</span>`
            : nothing
        }
      </span>
      <span part="line-total" class="amount">
        ${
          oneOff
            ? html`<span>${line.lineTotal ? struck(line, localize.money(line.lineTotal)) : noPrice(localize)}</span>`
            : nothing
        }
        ${
          subscription && line.subscriptionTotal
            ? html`<span class="per-month">${struck(line, perMonth(localize, line.subscriptionTotal))}</span>`
            : nothing
        }
      </span>
    </li>
  `;
}

/**
 * The common line (no subscription, not removed): what `anyLineTemplate` draws for it, element for
 * element, with its quantity and total in the line's own template, not in templates of their own
 * (two template instances for a line with a category, where `anyLineTemplate` takes four). A long
 * cart is mostly these, and template instances are most of a line's cost in a first render.
 */
function plainLineTemplate(localize: LocalizeController<CartKey>, line: CartLine): TemplateResult {
  const content = localize.contentLang ?? nothing;
  return html`
    <li part="line" class="line ">
      <div class="what">
        <span part="line-name" class="name" lang=${line.name ? content : nothing}
          >${line.name || localize.t('unnamedItem')}</span
        >
        ${line.category ? html`<span class="category" lang=${content}>${line.category}</span>` : nothing}
      </div>
      <span part="line-quantity" class="quantity"><span>${quantityTimesPrice(localize, line)}</span></span>
      <span part="line-total" class="amount"
        ><span>${line.lineTotal ? localize.money(line.lineTotal) : noPrice(localize)}</span></span
      >
    </li>
  `;
}

/**
 * Buy again's progress on one purchased cart. `lines`: being sent (`adding`), or what Retry
 * sends (`failed`: the lines a handler reported failed, or all it was sent if it rejected).
 * `total`: how many lines the first press sent; `added`: how many of them are in the cart.
 * `unhandled`: nothing on the page took the event, so nothing was added.
 */
export interface ReorderState {
  status: 'adding' | 'added' | 'failed' | 'unhandled';
  lines: CartLine[];
  total: number;
  added: number;
}

/** The button's text in each Buy again state (`failed`: Retry; `unhandled`: nothing can add here). */
const REORDER_LABELS = {
  idle: 'buyAgain',
  adding: 'adding',
  added: 'added',
  failed: 'retry',
  unhandled: 'addUnavailable',
} as const;

/**
 * Buy again on the purchased cart at `index`: the button in its state (none: "Buy again";
 * `adding` disables it), and beside it what the last press came to. Its name is its text and
 * the cart's own button above it ("Buy again Purchased 3 Dec 2026 Updated 3 days ago €54.50"),
 * so that every purchase's Buy again has a name of its own.
 */
export function reorderTemplate(
  localize: LocalizeController<CartKey>,
  state: ReorderState | undefined,
  index: number,
  press: () => void,
): TemplateResult {
  const label = localize.t(REORDER_LABELS[state?.status ?? 'idle']);
  const status = state ? reorderStatusText(localize, state) : '';
  const statusId = `reorder-status-${index}`;
  return html`
    <div class="reorder">
      <button
        id="reorder-${index}"
        part="reorder-button"
        class="button reorder-button ${state?.status ?? ''}"
        aria-disabled=${String(state?.status === 'adding')}
        aria-labelledby="reorder-${index} toggle-${index}"
        aria-describedby=${status ? statusId : nothing}
        @click=${press}
      >
        ${label}
      </button>
      ${status ? html`<p part="reorder-status" id=${statusId} class="reorder-status">${status}</p>` : nothing}
    </div>
  `;
}

/** What a Buy again came to, in words (shown beside the button, and announced). */
export function reorderStatusText(localize: LocalizeController<CartKey>, state: ReorderState): string {
  switch (state.status) {
    case 'added':
      return localize.t('reorderAdded');
    case 'unhandled':
      return localize.t('reorderUnavailable');
    case 'failed':
      // Nothing added yet and nothing reported by name: the whole add failed.
      if (state.added === 0 && state.lines.length === state.total) return localize.t('reorderFailed');
      return localize.t('reorderPartial', {
        added: localize.number(state.added),
        total: localize.number(state.total),
        names: conjunction(
          localize,
          state.lines.map((line) => line.name || localize.t('unnamedItem')),
        ),
      });
    default:
      return '';
  }
}

/** Names as a list in the widget's language ("A, B and C"). */
function conjunction(localize: LocalizeController<CartKey>, names: string[]): string {
  try {
    return new Intl.ListFormat(localize.locale, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** A deleted line's amounts are struck through. */
function struck(line: CartLine, text: TemplateResult | string): TemplateResult | string {
  return line.isDeleted ? html`<del>${text}</del>` : text;
}

/**
 * Shown one way and read another: `shown` hidden from screen readers, `read` for them alone
 * (copy and find-in-page may still take both).
 */
function spoken(shown: string, read: string): TemplateResult {
  return html`<span aria-hidden="true">${shown}</span><span class="visually-hidden">${read}</span>`;
}

/** Where a price is missing: "–", which most screen readers skip, read as "no price". */
function noPrice(localize: LocalizeController<CartKey>): TemplateResult {
  return spoken('–', localize.t('noPrice'));
}

/** A line's one-off "2 × €3.00", or "2 × –" read "2 × no price". */
function quantityTimesPrice(localize: LocalizeController<CartKey>, line: CartLine): TemplateResult | string {
  return line.unitValue
    ? times(localize, line.quantity, localize.money(line.unitValue))
    : spoken(times(localize, line.quantity, '–'), times(localize, line.quantity, localize.t('noPrice')));
}

/** "2 × €3.00". */
function times(localize: LocalizeController<CartKey>, quantity: number, price: string): string {
  return localize.t('quantityTimes', { quantity: localize.number(quantity), price });
}

/**
 * "€3.00 / month", read "€3.00 per month" (screen readers say "slash" for "/"); with `quantity`,
 * "2 × €3.00 / month".
 */
function perMonth(localize: LocalizeController<CartKey>, money: Money, quantity?: number): TemplateResult {
  const text = (key: CartKey) => {
    const each = localize.t(key, { amount: localize.money(money) });
    return quantity === undefined ? each : times(localize, quantity, each);
  };
  return spoken(text('perMonth'), text('perMonthSpoken'));
}
