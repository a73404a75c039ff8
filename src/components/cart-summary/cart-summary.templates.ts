/**
 * The templates of `<cart-summary>` that are pure functions of what they render: a line (the
 * element guards each one and reveals a long cart's lines in pieces) and a cart's totals.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Money } from '../../core/money.ts';
import type { CartLine, CartTotals } from '../../model.ts';
import type { LocalizeController } from '../shared/localize-controller.ts';

/** A cart's sums: items and adjustments where both are given, the total, monthly subscriptions. */
export function totalsTemplate(localize: LocalizeController, totals: CartTotals): TemplateResult {
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

/** One line: its name (struck through if deleted), category, "quantity × price" and total. */
export function lineTemplate(localize: LocalizeController, line: CartLine): TemplateResult {
  const name = line.name || localize.t('unnamedItem');
  const subscription = line.monthlyQuantity > 0 && line.subscriptionValue !== null;
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
        ${
          oneOff
            ? html`<span
                >${times(localize, line.quantity, line.unitValue ? localize.money(line.unitValue) : '–')}</span
              >`
            : nothing
        }
        ${
          subscription
            ? html`<span>${times(localize, line.monthlyQuantity, perMonth(localize, line.subscriptionValue!))}</span>`
            : nothing
        }
      </span>
      <span part="line-total" class="amount">
        ${oneOff ? html`<span>${line.lineTotal ? struck(line, localize.money(line.lineTotal)) : '–'}</span>` : nothing}
        ${
          subscription && line.subscriptionTotal
            ? html`<span class="per-month">${struck(line, perMonth(localize, line.subscriptionTotal))}</span>`
            : nothing
        }
      </span>
    </li>
  `;
}

/** A deleted line's amounts are struck through. */
function struck(line: CartLine, text: string): TemplateResult | string {
  return line.isDeleted ? html`<del>${text}</del>` : text;
}

/** "2 × €3.00". */
function times(localize: LocalizeController, quantity: number, price: string): string {
  return localize.t('quantityTimes', { quantity: localize.number(quantity), price });
}

/** "€3.00 / month". */
function perMonth(localize: LocalizeController, money: Money): string {
  return localize.t('perMonth', { amount: localize.money(money) });
}
