import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as ALGONOMY from '../../src/sources/algonomy.contract.ts';
import * as CSOMNI from '../../src/sources/csomni.contract.ts';
import * as GIOSG from '../../src/sources/giosg.contract.ts';
import { readListPage, readNextLink } from '../../src/sources/giosg.contract.ts';
import type { VendorCall } from '../../src/sources/vendor-contract.ts';

/**
 * Each vendor's facts are written once, in `src/sources/<vendor>.contract.ts`, and read by the
 * widgets' source and by the proxy's route. These tests read the code of both sides: no vendor
 * host, path or header literal may appear outside a contract (comments aside).
 */
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

/** The code without comments, so a comment may still name what it talks about. */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const readers = [
  ...files('src/sources').filter((file) => !file.endsWith('.contract.ts') && !file.endsWith('vendor-contract.ts')),
  ...files('proxy/src'),
];

const calls: VendorCall[] = [CSOMNI.CSOMNI_CALLS, ALGONOMY.ALGONOMY_CALLS, GIOSG.GIOSG_CALLS].flatMap((table) =>
  Object.values(table),
);
const facts = [
  CSOMNI.CSOMNI_BASE_URL,
  GIOSG.GIOSG_BASE_URL,
  // Every call's path up to its first segment (`/products/`, `/api/v5/orgs/`), and whole where it has none.
  ...calls.map((call) => call.path.split(':')[0]),
  GIOSG.GIOSG_ROOT,
  '/shopping_carts',
  'customer_code_external',
  'email_address',
  'mobile_number',
  'tenant_hash',
  'oauth_key_secret',
  'access_token',
];

describe('vendor contracts', () => {
  it('are the only place the widgets and the proxy name a vendor host, path or header', () => {
    expect(readers.some((file) => file.includes('proxy/src/routes/'))).toBe(true);
    const found: string[] = [];
    for (const file of readers) {
      const text = code(file);
      for (const fact of facts)
        if (text.includes(`'${fact}`) || text.includes(`\`${fact}`) || text.includes(`"${fact}`))
          found.push(`${file}: ${fact}`);
    }
    expect(found).toEqual([]);
  });

  it('are read by both sides', () => {
    for (const vendor of ['csomni', 'algonomy', 'giosg']) {
      expect(code(`src/sources/${vendor}.ts`), `src/sources/${vendor}.ts`).toContain(`./${vendor}.contract.ts`);
      expect(code(`proxy/src/routes/${vendor}.ts`), `proxy/src/routes/${vendor}.ts`).toContain(
        `src/sources/${vendor}.contract.ts`,
      );
    }
  });

  it('import nothing but the contract type, so neither side gets the other side’s code', () => {
    for (const file of files('src/sources').filter((name) => name.endsWith('contract.ts'))) {
      const imports = [...code(file).matchAll(/\bfrom\s+'([^']+)'/g)].map((match) => match[1]);
      expect(
        imports.filter((id) => id !== './vendor-contract.ts'),
        file,
      ).toEqual([]);
    }
  });

  it('give the same path to both sides: values for the widgets, `:name` placeholders for the proxy', () => {
    const org = GIOSG.giosgCartProductsPath(GIOSG.giosgOrgCartsPath('o1', 'owned_chats', 'c2'), 'k');
    expect(org).toBe('/api/v5/orgs/o1/owned_chats/c2/shopping_carts/k/products');
    expect(GIOSG.GIOSG_CALLS.orgCartProducts.path).toBe(
      '/api/v5/orgs/:org/:chatType/:chat/shopping_carts/:cart/products',
    );
    expect(CSOMNI.CSOMNI_CALLS.product).toEqual({ method: 'GET', path: '/products/:token/full' });
  });

  it('read a giosg list page and its next link as both sides need them', () => {
    expect(readListPage({ next: 'x', results: [1] })).toEqual({ next: 'x', results: [1] });
    expect(readListPage({ results: 'no' })).toBeNull();
    expect(readListPage(null)).toBeNull();
    expect(readListPage([1])).toBeNull();
    expect(readNextLink('https://elsewhere.example/api/v5/x?cursor=1')).toBe('/api/v5/x?cursor=1');
    expect(readNextLink('https://service.giosg.com/api/v5/../../admin')).toBeUndefined();
    expect(readNextLink(42)).toBeUndefined();
    expect(readNextLink(null)).toBeNull();
  });
});
