/**
 * The templates of `<buy-again-list>`: pure functions of what they render (the element decides
 * when, and guards each card; see `buy-again-list.ts`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PurchasedItem } from '../../model.ts';
import type { ListKey } from '../../core/messages.ts';
import type { LocalizeController } from '../shared/localize-controller.ts';
import type { CarouselController } from './carousel-controller.ts';

/**
 * Add to cart's state; its text is the message of that key (`failed`: Retry; `no-cart`: nothing
 * on the page can add it).
 */
export type AddState = 'adding' | 'added' | 'failed' | 'no-cart';

/** The loading view: `count` placeholder cards, and what a screen reader hears meanwhile. */
export function skeletonTemplate(localize: LocalizeController<ListKey>, count: number): TemplateResult {
  return html`
    <div part="viewport" id="viewport" class="viewport pulse" aria-busy="true">
      ${Array.from(
        { length: count },
        () => html`
          <div class="card skeleton" aria-hidden="true">
            <div class="image shimmer"></div>
            <div class="body">
              <span class="name"><span class="line shimmer"></span></span>
              <span class="price"><span class="line short shimmer"></span></span>
              <span class="meta"><span class="line short shimmer"></span></span>
            </div>
            <span class="button add shimmer"></span>
          </div>
        `,
      )}
    </div>
    <div part="status" class="visually-hidden" role="status">${localize.t('loadingItems')}</div>
  `;
}

/** Nothing to buy again. */
export function emptyTemplate(localize: LocalizeController<ListKey>): TemplateResult {
  return html`<div part="status" class="status">
    <slot name="empty">${localize.t('emptyPurchases')}</slot>
  </div>`;
}

/** The error view: the shopper's words for `text`, and Retry where it can help (`retry`). */
export function errorTemplate(
  localize: LocalizeController<ListKey>,
  text: TemplateResult,
  retry: (() => void) | undefined,
): TemplateResult {
  return html`
    <div part="status" class="status error">
      <div role="alert"><slot name="error">${text}</slot></div>
      ${
        retry
          ? html`<button part="retry-button" class="button" @click=${retry}>${localize.t('retry')}</button>`
          : nothing
      }
    </div>
  `;
}

/** Previous and next, enabled as far as the carousel can scroll that way. */
export function navTemplate(localize: LocalizeController<ListKey>, carousel: CarouselController): TemplateResult {
  const back = carousel.canScrollBack;
  const forward = carousel.canScrollForward;
  return html`
    <div class="nav">
      <button
        part="prev-button"
        class="nav-button"
        aria-controls="viewport"
        aria-label=${localize.t('previous')}
        aria-disabled=${String(!back)}
        @click=${() => back && carousel.page(-1)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" class="flip-rtl"><path d="M15 5l-7 7 7 7" /></svg>
      </button>
      <button
        part="next-button"
        class="nav-button"
        aria-controls="viewport"
        aria-label=${localize.t('next')}
        aria-disabled=${String(!forward)}
        @click=${() => forward && carousel.page(1)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" class="flip-rtl"><path d="M9 5l7 7-7 7" /></svg>
      </button>
    </div>
  `;
}

/**
 * After the last card: a failed page's message with Retry (where it can help: `retry`), or Load
 * more while the source has more.
 */
export function pagerTemplate(
  localize: LocalizeController<ListKey>,
  state: 'idle' | 'loading' | 'error',
  hasMore: boolean,
  retry: (() => void) | undefined,
  more: () => void,
): TemplateResult | typeof nothing {
  if (state === 'error') {
    return html`
      <div class="pager" role="group" aria-label=${localize.t('loadMoreFailed')}>
        <p>${localize.t('loadMoreFailed')}</p>
        ${
          retry
            ? html`<button part="retry-button" class="button" @click=${retry}>${localize.t('retry')}</button>`
            : nothing
        }
      </div>
    `;
  }
  if (!hasMore) return nothing;
  const loading = state === 'loading';
  return html`
    <div class="pager">
      <button part="load-more-button" class="button secondary" aria-disabled=${String(loading)} @click=${more}>
        ${localize.t(loading ? 'loadingMore' : 'loadMore')}
      </button>
    </div>
  `;
}

/**
 * One card: the item, "`index + 1` of `count`", whether its name is still being looked up
 * (`pending`), its add state, whether its image failed to load (`broken`), and what its links
 * (`select`), its button (`add`) and a failed image (`imageError`) do.
 */
export function cardTemplate(
  localize: LocalizeController<ListKey>,
  item: PurchasedItem,
  index: number,
  count: number,
  pending: boolean,
  addState: AddState | undefined,
  broken: boolean,
  select: (event: MouseEvent) => void,
  add: () => void,
  imageError: () => void,
): TemplateResult {
  const pendingName = item.name === null && pending;
  const name = item.name ?? (pendingName ? '' : localize.t('unnamedItem'));
  // The visible text, and the start of the accessible name (which adds the product).
  const label = localize.t(
    addState === 'failed' ? 'retry' : addState === 'no-cart' ? 'addUnavailable' : (addState ?? 'addToCart'),
  );
  const quantity = item.quantity ?? 0;
  const meta =
    quantity > 1
      ? localize.t('boughtTimes', { count: localize.number(quantity) })
      : quantity === 1
        ? localize.t('boughtOnce')
        : '';
  const image =
    item.imageUrl && !broken
      ? html`<img
          part="image"
          class="image"
          src=${item.imageUrl}
          alt=""
          loading="lazy"
          decoding="async"
          @error=${imageError}
        />`
      : html`<div part="image" class="image placeholder" aria-hidden="true">
          <svg viewBox="0 0 24 24">
            <rect x="3" y="4" width="18" height="16" rx="2" />
            <circle cx="9" cy="10" r="2" />
            <path d="m21 17-5-5-9 8" />
          </svg>
        </div>`;
  // The name is clamped to two lines to keep the row even: its title shows it whole on hover.
  const nameContent = pendingName
    ? html`<span class="line shimmer pulse" aria-hidden="true"></span
        ><span class="visually-hidden">${localize.t('loading')}</span>`
    : name;
  return html`
    <div
      part="item"
      class="card ${item.available ? '' : 'unavailable'}"
      data-slide
      role="group"
      aria-roledescription=${localize.t('slide')}
      aria-label=${localize.t('slideLabel', { index: index + 1, count })}
    >
      ${
        item.url && item.available
          ? html`<a class="image-link" href=${item.url} tabindex="-1" aria-hidden="true" @click=${select}>${image}</a>`
          : image
      }
      <div class="body">
        ${
          item.url && item.available
            ? html`<a
                part="name"
                class="name"
                href=${item.url}
                title=${name || nothing}
                dir=${item.name ? 'auto' : nothing}
                lang=${item.name ? (localize.contentLang ?? nothing) : nothing}
                @click=${select}
                >${nameContent}</a
              >`
            : html`<span
                part="name"
                class="name"
                title=${name || nothing}
                dir=${item.name ? 'auto' : nothing}
                lang=${item.name ? (localize.contentLang ?? nothing) : nothing}
                >${nameContent}</span
              >`
        }
        ${item.price ? html`<span part="price" class="price">${localize.money(item.price)}</span>` : nothing}
        <span part="meta" class="meta">${item.available ? meta : localize.t('unavailable')}</span>
      </div>
      <button
        part="add-button"
        class="button add ${addState ?? ''}"
        aria-disabled=${String(!item.available || addState === 'adding')}
        aria-label=${name ? `${label}: ${name}` : nothing}
        @click=${add}
      >
        ${label}
      </button>
    </div>
  `;
}
