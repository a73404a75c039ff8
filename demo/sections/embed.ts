import packageJsonText from '../../package.json?raw';

export const order = 40;
export const id = 'embed';
export const title = 'Embed builder';

const { version } = JSON.parse(packageJsonText) as { version: string };

/**
 * What the snippet says for `customer-session` until the merchant enters one: plainly not a
 * session, so a pasted snippet is never a working demo token that expires within the hour.
 */
export const SESSION_PLACEHOLDER = 'SESSION_SIGNED_BY_YOUR_BACKEND';

type Mode = 'direct' | 'proxy';
type Tag = 'buy-again-list' | 'cart-summary';

/** The package's files on a CDN (self-host them under a strict CSP: the folder as it is). */
const CDN_DIST = `https://cdn.jsdelivr.net/npm/storefront-widgets@${version}/dist`;

/** Where the self-hosted snippet expects the merchant to have copied the package's `dist/` folder. */
const SELF_HOSTED_DIST = '/assets/storefront-widgets';

/**
 * The one-widget classic script a snippet loads: a page that shows one widget downloads that
 * one, and its languages load from `translations/` beside it. Self-hosted by default (the
 * merchant's own copy, which works under a strict CSP); from a CDN once this version is
 * published on npm, offered beside it, never alone (an unpublished version is a 404 there).
 */
export function scriptUrlFor(tag: Tag, from: 'self' | 'cdn' = 'self'): string {
  return `${from === 'cdn' ? CDN_DIST : SELF_HOSTED_DIST}/${tag}.iife.js`;
}

interface Field {
  /** The attribute. */
  name: string;
  hint: string;
  kind?: 'text' | 'number' | 'checkbox' | 'select';
  options?: string[];
  /** Only in this connection mode; both when absent. */
  mode?: Mode;
  /** The demo's mock value, prefilled. */
  value?: string;
}

interface Preset {
  label: string;
  tag: Tag;
  /** Attributes every snippet of this preset carries, not edited (`source="algonomy"`). */
  fixed: Record<string, string>;
  fields: Field[];
}

const connection = (mockBase: string): Field[] => [
  { name: 'api-base', hint: 'Vendor API base URL (here: the demo’s mock).', mode: 'direct', value: mockBase },
  {
    name: 'proxy-url',
    hint: 'Base URL of your widget proxy; the page then holds no vendor secret.',
    mode: 'proxy',
    value: '/proxy',
  },
  {
    name: 'customer-session',
    hint:
      'Signed session your backend mints per shopper. Left empty, the preview uses a demo session and the snippets ' +
      `say ${SESSION_PLACEHOLDER}.`,
    mode: 'proxy',
  },
];

const display: Field[] = [
  { name: 'locale', hint: 'BCP 47 locale for money and dates; default: the page’s lang.' },
  { name: 'currency', hint: 'ISO 4217 code where the API sends none.' },
  { name: 'cache-ttl', hint: 'Seconds a result is reused before revalidating (default 300, 0 = off).', kind: 'number' },
];

/** Every widget and source the builder offers, with the demo's mock values. */
const PRESETS: Record<string, Preset> = {
  csomni: {
    label: '<buy-again-list> from CS Omni',
    tag: 'buy-again-list',
    fixed: {},
    fields: [
      ...connection('/mock/csomni'),
      { name: 'site-token', hint: 'The site’s site_… token.', mode: 'direct', value: 'site_demo_fernhill' },
      {
        name: 'customer-token',
        hint: 'The shopper’s cs_… token; without it, the site’s most bought list.',
        mode: 'direct',
        value: 'cs_demo_ana',
      },
      { name: 'heading', hint: 'Heading text (default “Buy it again”).' },
      { name: 'max-items', hint: 'Show at most this many items.', kind: 'number' },
      { name: 'image-base-url', hint: 'Prefix for the image paths the API returns.', value: '/mock/assets' },
      {
        name: 'product-url',
        hint: 'Product page template with {productId} and {variantId}.',
        value: '#/products/{productId}?variant={variantId}',
      },
      { name: 'force-refresh', hint: 'Ask CS Omni for a fresh pull instead of its 24-hour cache.', kind: 'checkbox' },
      { name: 'show-unavailable', hint: 'Show rows the API could not resolve, disabled.', kind: 'checkbox' },
      ...display,
    ],
  },
  algonomy: {
    label: '<buy-again-list> from Algonomy',
    tag: 'buy-again-list',
    fixed: { source: 'algonomy' },
    fields: [
      ...connection('/mock/algonomy'),
      { name: 'tenant-hash', hint: 'Your Algonomy tenant hash.', mode: 'direct', value: 'demo-tenant' },
      { name: 'access-token', hint: 'An RCDP access token.', mode: 'direct', value: 'demo-token' },
      {
        name: 'gcr-id',
        hint: 'Customer identifier (one of gcr-id, email, mobile-number, customer-code).',
        mode: 'direct',
        value: 'gcr-1001',
      },
      { name: 'email', hint: 'Customer identifier.', mode: 'direct' },
      { name: 'mobile-number', hint: 'Customer identifier.', mode: 'direct' },
      { name: 'customer-code', hint: 'Customer identifier.', mode: 'direct' },
      { name: 'heading', hint: 'Heading text (default “Buy it again”).', value: 'Order again' },
      { name: 'page-size', hint: 'Items per page (default 20).', kind: 'number', value: '8' },
      { name: 'max-items', hint: 'Show at most this many items.', kind: 'number' },
      { name: 'show-unavailable', hint: 'Show rows the API could not resolve, disabled.', kind: 'checkbox' },
      ...display,
    ],
  },
  giosg: {
    label: '<cart-summary> from giosg',
    tag: 'cart-summary',
    fixed: {},
    fields: [
      ...connection('/mock/giosg'),
      { name: 'api-token', hint: 'giosg API token.', mode: 'direct', value: 'demo-giosg-token' },
      {
        name: 'user-id',
        hint: 'Scope: user-id + chat-id (or room-id) + visitor-id.',
        value: 'ab7d649a-dfca-4677-b0de-66f8ed8d2c46',
      },
      {
        name: 'chat-id',
        hint: 'Scope: with user-id + visitor-id, or org-id + chat-type.',
        value: '450fc49e-277e-4dd6-af0f-6e9dcb885b09',
      },
      {
        name: 'visitor-id',
        hint: 'Scope: the visitor whose carts to show.',
        value: '203dc5c48da911e984bc0242ac14000a',
      },
      { name: 'room-id', hint: 'Scope: instead of chat-id (rooms have no line items).' },
      { name: 'org-id', hint: 'Scope: with chat-id + chat-type, instead of user-id + visitor-id.' },
      {
        name: 'chat-type',
        hint: 'Scope: which of the organization’s chats chat-id is.',
        kind: 'select',
        options: ['', 'owned', 'involved', 'routed'],
      },
      { name: 'cart-id', hint: 'A specific cart; default: the latest open one.' },
      {
        name: 'view',
        hint: 'latest: one cart; all: every cart, past purchases included.',
        kind: 'select',
        options: ['', 'latest', 'all'],
      },
      { name: 'show-deleted', hint: 'Show removed lines, struck through.', kind: 'checkbox' },
      { name: 'locale', hint: 'BCP 47 locale for money and dates; default: the page’s lang.' },
      { name: 'currency', hint: 'ISO 4217 code where the API sends none.', value: 'EUR' },
      {
        name: 'cache-ttl',
        hint: 'Seconds a result is reused before revalidating (default 300, 0 = off).',
        kind: 'number',
      },
    ],
  },
};

/** Text for a double-quoted HTML attribute value: quotes and markup cannot end it early. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (char) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[char]!);
}

/**
 * The script-tag snippet: the widget's own classic script, then the element with its attributes.
 * Self-hosted (the default) it says where the files come from; a placeholder session says who
 * must sign it.
 */
export function scriptSnippet(tag: Tag, attributes: [string, string][], scriptUrl = scriptUrlFor(tag)): string {
  const lines = attributes.map(([name, value]) =>
    value === '' ? `  ${name}` : `  ${name}="${escapeAttribute(value)}"`,
  );
  const open = lines.length ? `<${tag}\n${lines.join('\n')}\n>` : `<${tag}>`;
  const notes = [
    scriptUrl.startsWith(SELF_HOSTED_DIST)
      ? `<!-- Copy the folder node_modules/storefront-widgets/dist/ to ${SELF_HOSTED_DIST}/ on your site ` +
        '(the script loads its languages from beside it). -->'
      : '',
    sessionNote(attributes, 'html'),
  ].filter(Boolean);
  return [...notes, `<script src="${escapeAttribute(scriptUrl)}" defer></script>`, `${open}</${tag}>`, ''].join('\n');
}

/** A note on the placeholder session, if the snippet has one. */
function sessionNote(attributes: [string, string][], style: 'html' | 'js'): string {
  if (!attributes.some(([name, value]) => name === 'customer-session' && value === SESSION_PLACEHOLDER)) return '';
  const text =
    `Replace ${SESSION_PLACEHOLDER} with the session your backend signs for this shopper ` +
    '(docs/proxy.md, "Mint a customer session in your backend").';
  return style === 'html' ? `<!-- ${text} -->` : `// ${text}`;
}

/** The npm snippet: register the widget's tag, create the element, set its attributes. */
export function npmSnippet(tag: Tag, attributes: [string, string][]): string {
  const setters = attributes.map(
    ([name, value]) => `widget.setAttribute(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  );
  return [
    '// npm install storefront-widgets',
    `import 'storefront-widgets/define/${tag}';`,
    '',
    ...[sessionNote(attributes, 'js')].filter(Boolean),
    `const widget = document.createElement('${tag}');`,
    ...setters,
    '// Put it where it belongs on your page (here: an element with id="storefront-widget", else the end of the page):',
    "(document.querySelector('#storefront-widget') ?? document.body).append(widget);",
    '',
  ].join('\n');
}

const STYLES = `
.embed-builder {
  display: grid; gap: 1.5rem 2rem; grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); align-items: start;
}
.embed-output { position: sticky; top: 1rem; min-width: 0; }
@media (max-width: 56rem) {
  .embed-builder { grid-template-columns: minmax(0, 1fr); }
  .embed-output { position: static; }
}
.embed-builder fieldset {
  border: 1px solid var(--shop-line, #ddd); border-radius: 8px; margin: 0 0 1rem; padding: 0.75rem 1rem 1rem;
  min-width: 0;
}
.embed-builder legend { font-weight: 600; padding: 0 0.25rem; }
.embed-choice { display: flex; gap: 0.5rem; align-items: center; margin: 0.25rem 0; }
/* Targets of at least 24 × 24 px (WCAG 2.5.8); not shrunk by a long label beside them in the flex row. */
.embed-choice input, .embed-field.checkbox input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; }
.embed-field { display: grid; gap: 0.15rem; margin: 0.6rem 0; }
.embed-field label { font: 600 0.85rem/1.3 ui-monospace, SFMono-Regular, Menlo, monospace; }
.embed-field.checkbox { grid-template-columns: auto 1fr; column-gap: 0.5rem; align-items: center; }
.embed-field.checkbox .embed-hint { grid-column: 2; }
.embed-field input:not([type=checkbox]), .embed-field select, .embed-snippet textarea {
  font: inherit; padding: 0.35rem 0.5rem; border-radius: 6px; border: 1px solid var(--shop-line, #ccc);
  background: var(--shop-bg, #fff); color: var(--shop-ink, #111); min-width: 0; width: 100%; box-sizing: border-box;
}
.embed-hint { font-size: 0.8rem; color: var(--shop-muted, #555); }
.embed-preview {
  border: 1px dashed var(--shop-line, #ccc); border-radius: 8px; padding: 1rem; margin-bottom: 1rem; min-width: 0;
}
.embed-snippet { display: grid; gap: 0.35rem; margin-bottom: 1rem; }
.embed-snippet-head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
.embed-snippet label { font-weight: 600; }
.embed-snippet textarea {
  font: 0.8rem/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; resize: vertical; white-space: pre;
}
.embed-snippet button {
  font: inherit; padding: 0.3rem 0.9rem; border-radius: 6px; border: 1px solid var(--shop-brand, #2f6b4f);
  background: var(--shop-brand, #2f6b4f); color: var(--shop-bg, #fff); cursor: pointer;
}
.embed-snippet button:focus-visible, .embed-builder input:focus-visible, .embed-builder select:focus-visible,
.embed-builder textarea:focus-visible { outline: 2px solid var(--shop-brand, #2f6b4f); outline-offset: 2px; }
.embed-status { min-height: 1.4em; font-size: 0.85rem; color: var(--shop-muted, #555); margin: 0; }
`;

let uid = 0;

/**
 * Pick a widget and a source, direct or through the proxy, fill in its attributes (the demo's
 * mock values are prefilled), watch the live preview, and copy a script-tag or an npm snippet.
 * What the preview shows is exactly what the snippets say.
 */
export function mount(container: HTMLElement): void {
  const prefix = `embed-builder-${++uid}`;
  const style = document.createElement('style');
  style.textContent = STYLES;

  const intro = document.createElement('p');
  intro.className = 'demo-note';
  intro.textContent =
    'Choose a widget and how it connects, set its attributes, and copy the snippet. It starts the way production ' +
    'runs: through your widget proxy, with the session your backend signs for each shopper, and the script served ' +
    'from your own site. ' +
    'Each snippet loads that widget alone; a page with both widgets loads storefront-widgets.iife.js once instead. ' +
    'Mock values are prefilled for the preview.';

  const layout = document.createElement('div');
  layout.className = 'embed-builder';
  const form = document.createElement('form');
  form.addEventListener('submit', (event) => event.preventDefault());
  const output = document.createElement('div');
  output.className = 'embed-output';
  layout.append(form, output);
  container.append(style, intro, layout);

  let presetId = 'csomni';
  // Production's way first: no vendor secret in the page.
  let mode: Mode = 'proxy';
  /** The demo proxy's session, for the preview only: never copied into a snippet. */
  let demoSession = '';
  /** What the user typed, per preset and attribute, kept across mode switches. */
  const values: Record<string, Record<string, string>> = {};
  const valuesOf = (preset: string) =>
    (values[preset] ??= Object.fromEntries(PRESETS[preset].fields.map((field) => [field.name, field.value ?? ''])));

  const radios = (
    legend: string,
    name: string,
    options: [string, string][],
    checked: string,
    onChange: (value: string) => void,
  ) => {
    const fieldset = document.createElement('fieldset');
    const caption = document.createElement('legend');
    caption.textContent = legend;
    fieldset.append(caption);
    for (const [value, text] of options) {
      const label = document.createElement('label');
      label.className = 'embed-choice';
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = `${prefix}-${name}`;
      input.value = value;
      input.checked = value === checked;
      input.addEventListener('change', () => input.checked && onChange(value));
      label.append(input, text);
      fieldset.append(label);
    }
    return fieldset;
  };

  const attributesSet = document.createElement('fieldset');
  const attributesLegend = document.createElement('legend');
  attributesLegend.textContent = 'Attributes';

  form.append(
    radios(
      'Widget and source',
      'widget',
      Object.entries(PRESETS).map(([key, preset]) => [key, preset.label]),
      presetId,
      (value) => {
        presetId = value;
        renderFields();
        update();
      },
    ),
    radios(
      'Connection',
      'mode',
      [
        ['direct', 'Direct to the vendor API (keys in the page: demos and tests)'],
        ['proxy', 'Through the widget proxy (production: no secrets in the page)'],
      ],
      mode,
      (value) => {
        mode = value as Mode;
        renderFields();
        update();
      },
    ),
    attributesSet,
  );

  const preview = document.createElement('div');
  preview.className = 'embed-preview';
  preview.setAttribute('role', 'region');
  preview.setAttribute('aria-label', 'Live preview');
  const status = document.createElement('p');
  status.className = 'embed-status';
  status.setAttribute('role', 'status');
  const scriptBox = snippetBox(
    `${prefix}-script`,
    'Script tag, self-hosted (any page, no build tools)',
    'Copy script tag',
    status,
  );
  const npmBox = snippetBox(`${prefix}-npm`, 'npm (your bundler)', 'Copy npm snippet', status);
  const cdnBox = snippetBox(
    `${prefix}-cdn`,
    `Script tag from a CDN (once storefront-widgets ${version} is published on npm)`,
    'Copy CDN script tag',
    status,
  );
  output.append(preview, scriptBox.element, npmBox.element, cdnBox.element, status);

  const visibleFields = () => PRESETS[presetId].fields.filter((field) => !field.mode || field.mode === mode);

  function renderFields(): void {
    attributesSet.replaceChildren(attributesLegend);
    const current = valuesOf(presetId);
    for (const field of visibleFields()) {
      const wrapper = document.createElement('div');
      wrapper.className = `embed-field${field.kind === 'checkbox' ? ' checkbox' : ''}`;
      const inputId = `${prefix}-field-${field.name}`;
      const label = document.createElement('label');
      label.htmlFor = inputId;
      label.textContent = field.name;
      const hint = document.createElement('span');
      hint.className = 'embed-hint';
      hint.id = `${inputId}-hint`;
      hint.textContent = field.hint;
      let control: HTMLInputElement | HTMLSelectElement;
      if (field.kind === 'select') {
        control = document.createElement('select');
        for (const option of field.options ?? []) control.add(new Option(option || '(default)', option));
        control.value = current[field.name];
      } else {
        control = document.createElement('input');
        control.type = field.kind ?? 'text';
        if (field.kind === 'checkbox') control.checked = current[field.name] === 'on';
        else {
          control.value = current[field.name];
          control.spellcheck = false;
          control.autocomplete = 'off';
        }
      }
      control.id = inputId;
      control.name = field.name;
      control.setAttribute('aria-describedby', hint.id);
      const onInput = () => {
        current[field.name] =
          control instanceof HTMLInputElement && control.type === 'checkbox'
            ? control.checked
              ? 'on'
              : ''
            : control.value;
        update();
      };
      control.addEventListener('input', onInput);
      control.addEventListener('change', onInput);
      if (field.kind === 'checkbox') wrapper.append(control, label, hint);
      else wrapper.append(label, control, hint);
      attributesSet.append(wrapper);
    }
  }

  /**
   * The element's attributes, in order: fixed ones, then every filled-in field. An empty session
   * through the proxy is the placeholder in a snippet, and the demo's session in the preview.
   */
  function attributes(use: 'snippet' | 'preview'): [string, string][] {
    const preset = PRESETS[presetId];
    const current = valuesOf(presetId);
    const session = use === 'snippet' ? SESSION_PLACEHOLDER : demoSession;
    const filled: [string, string][] = [];
    for (const field of visibleFields()) {
      const value = current[field.name].trim() || (field.name === 'customer-session' ? session : '');
      if (value) filled.push([field.name, field.kind === 'checkbox' ? '' : value]);
    }
    return [...Object.entries(preset.fixed), ...filled];
  }

  /** The preview element, made afresh for each widget and connection, and what it was given. */
  let widget: HTMLElement | undefined;
  let widgetKey = '';
  let applied = new Set<string>();

  function update(): void {
    const { tag } = PRESETS[presetId];
    const wanted = attributes('preview');
    if (!widget || widgetKey !== `${presetId}/${mode}`) {
      widget = document.createElement(tag);
      widgetKey = `${presetId}/${mode}`;
      applied = new Set();
      // This page may run everything through the proxy (configure({ proxyUrl })); a direct
      // preview opts out, so it connects exactly as the snippet does on a page of its own.
      if (mode === 'direct') widget.setAttribute('proxy-url', 'none');
    }
    // Only attributes the builder set are removed: the element reflects some of its own (`state`).
    const names = new Set(wanted.map(([name]) => name));
    for (const name of applied) if (!names.has(name)) widget.removeAttribute(name);
    for (const [name, value] of wanted) if (widget.getAttribute(name) !== value) widget.setAttribute(name, value);
    applied = names;
    if (widget.parentNode !== preview) preview.replaceChildren(widget);
    const copied = attributes('snippet');
    scriptBox.set(scriptSnippet(tag, copied));
    npmBox.set(npmSnippet(tag, copied));
    cdnBox.set(scriptSnippet(tag, copied, scriptUrlFor(tag, 'cdn')));
  }

  /**
   * The demo's proxy takes a session its `/demo-session` route signs, as a shop's backend would:
   * the preview uses it while the field is empty; the snippets keep the placeholder.
   */
  async function fetchDemoSession(): Promise<void> {
    if (demoSession) return;
    try {
      const response = await fetch('/demo-session?customer=ana');
      if (!response.ok) return;
      const { token } = (await response.json()) as { token?: string };
      if (!token) return;
      demoSession = token;
      update();
    } catch {
      // No demo proxy on this server: the preview shows what an empty session gets.
    }
  }

  renderFields();
  update();
  void fetchDemoSession();
}

/** A labelled, read-only snippet with a Copy button (Clipboard API, else select-and-copy). */
function snippetBox(boxId: string, labelText: string, buttonText: string, status: HTMLElement) {
  const element = document.createElement('div');
  element.className = 'embed-snippet';
  const head = document.createElement('div');
  head.className = 'embed-snippet-head';
  const label = document.createElement('label');
  label.htmlFor = boxId;
  label.textContent = labelText;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = buttonText;
  head.append(label, button);
  const textarea = document.createElement('textarea');
  textarea.id = boxId;
  textarea.readOnly = true;
  textarea.spellcheck = false;
  textarea.wrap = 'off';
  element.append(head, textarea);

  button.addEventListener('click', async () => {
    const text = textarea.value;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('No Clipboard API');
      await navigator.clipboard.writeText(text);
      status.textContent = `Copied: ${labelText}.`;
    } catch {
      // Without the Clipboard API (or its permission): select the text and try the old way.
      textarea.focus();
      textarea.select();
      let copied = false;
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      status.textContent = copied
        ? `Copied: ${labelText}.`
        : 'The snippet is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
    }
  });

  return {
    element,
    set(text: string) {
      textarea.value = text;
      textarea.rows = Math.min(Math.max(text.split('\n').length, 4), 16);
    },
  };
}
