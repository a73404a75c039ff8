import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The public contract as merchants' pages use it (DESIGN.md): custom-elements.json, generated
 * from the classes' JSDoc by `npm run build`, must name every attribute, event, part and slot.
 */
interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string; type?: { text: string } }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string; default?: string }[];
  slots?: { name: string }[];
  members?: { name: string; privacy?: string }[];
}

function element(tag: string): Declaration {
  expect(existsSync('custom-elements.json'), 'custom-elements.json is missing: run `npm run build`').toBe(true);
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
    modules: { declarations?: Declaration[] }[];
  };
  const found = manifest.modules
    .flatMap((mod) => mod.declarations ?? [])
    .find((declaration) => declaration.tagName === tag);
  expect(found, `<${tag}> is not in custom-elements.json`).toBeDefined();
  return found!;
}

const names = (list?: { name: string }[]) => (list ?? []).map((entry) => entry.name);
// `state` is reflected and read only, but it is an attribute pages style and test by.
const common = ['proxy-url', 'api-base', 'customer-session', 'locale', 'currency', 'cache-ttl', 'state'];

describe('custom-elements.json', () => {
  it('documents the <buy-again-list> contract', () => {
    const list = element('buy-again-list');
    expect(names(list.attributes)).toEqual(
      expect.arrayContaining([
        ...common,
        'source',
        'heading',
        'max-items',
        'show-unavailable',
        'site-token',
        'customer-token',
        'force-refresh',
        'image-base-url',
        'product-url',
        'tenant-hash',
        'access-token',
        'gcr-id',
        'email',
        'mobile-number',
        'customer-code',
        'page-size',
      ]),
    );
    expect(names(list.events).sort()).toEqual([
      'add-to-cart',
      'item-select',
      'widget-analytics',
      'widget-error',
      'widget-load',
    ]);
    expect(names(list.cssParts)).toEqual(
      expect.arrayContaining([
        'base',
        'heading',
        'viewport',
        'item',
        'image',
        'name',
        'price',
        'meta',
        'add-button',
        'prev-button',
        'next-button',
        'status',
        'retry-button',
      ]),
    );
    expect(names(list.slots)).toEqual(expect.arrayContaining(['heading', 'empty', 'error']));
    expect(names(list.cssProperties)).toEqual(
      expect.arrayContaining([
        '--storefront-font',
        '--storefront-color-text',
        '--storefront-color-accent',
        '--storefront-radius',
        '--buy-again-card-width',
      ]),
    );
  });

  it('documents the <cart-summary> contract', () => {
    const cart = element('cart-summary');
    expect(names(cart.attributes)).toEqual(
      expect.arrayContaining([
        ...common,
        'user-id',
        'chat-id',
        'visitor-id',
        'room-id',
        'org-id',
        'chat-type',
        'cart-id',
        'view',
        'api-token',
        'show-deleted',
        'reorder',
      ]),
    );
    expect(names(cart.events).sort()).toEqual(['reorder', 'widget-analytics', 'widget-error', 'widget-load']);
    expect(cart.events?.find((event) => event.name === 'reorder')?.type?.text).toBe('ReorderEvent');
    expect(names(cart.cssParts)).toEqual(
      expect.arrayContaining([
        'base',
        'header',
        'badge',
        'line',
        'line-name',
        'line-quantity',
        'line-total',
        'totals',
        'total',
        'subscription-total',
        'status',
        'retry-button',
        'reorder-button',
        'reorder-status',
      ]),
    );
    expect(names(cart.slots)).toEqual(expect.arrayContaining(['heading', 'empty', 'error']));
  });

  it('lists the public API only: no private or protected members, no internal modules', () => {
    for (const tag of ['buy-again-list', 'cart-summary']) {
      const members = element(tag).members ?? [];
      expect(names(members), tag).toEqual(expect.arrayContaining(['refresh', 'state', 'locale', 'currency']));
      const hidden = members.filter(
        (member) => (member.privacy ?? 'public') !== 'public' || member.name.startsWith('#'),
      );
      expect(
        hidden.map((member) => `${member.privacy} ${member.name}`),
        tag,
      ).toEqual([]);
    }
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
      modules: { path: string; declarations?: Declaration[] }[];
    };
    // Each module is an element's: shared helpers and the abstract base class are not API.
    expect(
      manifest.modules.flatMap((mod) => mod.declarations?.map((declaration) => declaration.tagName)).sort(),
    ).toEqual(['buy-again-list', 'cart-summary']);
  });

  it('gives every public property an attribute (the settings of configure() are derived from them)', () => {
    for (const tag of ['buy-again-list', 'cart-summary']) {
      const { members = [], attributes = [] } = element(tag) as {
        members?: { name: string; kind?: string; static?: boolean }[];
        attributes?: { name: string; fieldName?: string }[];
      };
      // `state` is read only: reflected to its attribute, never a setting.
      const fields = members
        .filter((member) => member.kind === 'field' && !member.static && member.name !== 'state')
        .map((member) => member.name);
      expect(fields.length, tag).toBeGreaterThan(10);
      const withAttribute = new Set(attributes.map((attribute) => attribute.fieldName));
      expect(
        fields.filter((field) => !withAttribute.has(field)),
        `${tag}: public properties without an attribute`,
      ).toEqual([]);
    }
  });

  it('types every event with a class the package exports, and gives each CSS custom property its default', async () => {
    const exported = new Set(Object.keys(await import('../../src/index.ts')));
    for (const tag of ['buy-again-list', 'cart-summary']) {
      const { events = [], cssProperties = [] } = element(tag);
      for (const event of events) {
        const type = event.type?.text ?? '';
        expect(
          exported.has(type.replace(/<.*$/, '')),
          `${tag} ${event.name}: "${type}" is not an exported event class`,
        ).toBe(true);
      }
      for (const property of cssProperties)
        expect(property.default?.trim(), `${tag} ${property.name} has no default`).toBeTruthy();
    }
  });

  it('points only at files the package ships (the built modules, not the TypeScript sources)', () => {
    const text = readFileSync('custom-elements.json', 'utf8');
    const referenced = new Set([...text.matchAll(/"(?:path|module)": "([^"]+)"/g)].map((match) => match[1]));
    expect(referenced.size).toBeGreaterThan(0);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
    ) as { files: { path: string }[] }[];
    const files = new Set(packed[0].files.map((file) => file.path));
    for (const path of referenced) expect(files.has(path), `${path} is not in the package`).toBe(true);
  }, 30_000);
});
