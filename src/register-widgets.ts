import { warn } from './core/errors.ts';

let warned = false;

/**
 * Defines every tag of `tags` not yet defined; warns once (per copy of the library) about tags it
 * could not define: the name taken by someone else (another library, or a second copy of ours:
 * the script pasted twice, or a one-widget file next to the all-in-one file that has it too), or
 * the class already registered under another name by the app
 * (`customElements.define('shop-cart', CartSummary)`), which the registry refuses to repeat.
 * Never throws into the page.
 */
export function registerWidgets(tags: [string, CustomElementConstructor][]): void {
  if (typeof customElements === 'undefined') return;
  const reasons: string[] = [];
  for (const [tag, element] of tags) {
    const existing = customElements.get(tag);
    if (existing) {
      if (existing !== element) reasons.push(`SW50 <${tag}>`);
      continue;
    }
    try {
      customElements.define(tag, element);
    } catch {
      // The registry takes a class once: the app registered it under a name of its own.
      reasons.push(`SW51 <${tag}>`);
    }
  }
  if (reasons.length && !warned) {
    warned = true;
    warn(`storefront-widgets: ${reasons.join(', ')}`);
  }
}
