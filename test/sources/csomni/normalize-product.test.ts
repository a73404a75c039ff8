import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeProductDetails } from '../../../src/sources/csomni.ts';
import {
  CDN,
  options,
  usd,
  expectSafeUrl,
  expectMoney,
  junk,
  tokenArb,
  priceArb,
  imageArb,
  optionsArb,
  product,
} from './rows.ts';

describe('normalizeProductDetails', () => {
  it('names a variant by its product, trimmed of tabs and spaces, and its own name', () => {
    expect(normalizeProductDetails(product(), 'vrnt_oat6', options)).toEqual({
      name: 'Organic Oat Milk 1 L – 6-pack',
      price: usd(1990),
      imageUrl: `${CDN}/9-14-2021/six.jpg`,
      cartVariantId: 'vrnt_oat6',
    });
  });

  it('names a variant without a name by its product alone, with the product image', () => {
    expect(normalizeProductDetails(product(), 'vrnt_oat1', options)).toEqual({
      name: 'Organic Oat Milk 1 L',
      price: usd(350),
      imageUrl: `${CDN}/9-14-2021/oat.jpg`,
      cartVariantId: 'vrnt_oat1',
    });
  });

  it('collapses inner whitespace and does not repeat a variant named like its product', () => {
    const details = normalizeProductDetails(
      product({
        prodName: ' Unwaxed\tLemons  ',
        variants: [{ variantToken: 'vrnt_l', variantName: 'Unwaxed Lemons', variantPrice: 0.49 }],
      }),
      'vrnt_l',
      options,
    );
    expect(details.name).toBe('Unwaxed Lemons');
    expect(details.price).toEqual(usd(49));
  });

  it('puts a product-level item in the cart as the first usable variant', () => {
    expect(normalizeProductDetails(product(), null, options).cartVariantId).toBe('vrnt_oat1');
    const details = normalizeProductDetails(
      product({
        variants: [
          { variantToken: 'vrnt_deleted', deleted: 1, variantPrice: 1 },
          { variantToken: 'vrnt_deleted2', deleted: '1', variantPrice: 1 },
          { variantToken: 'vrnt_hidden', variantVisible: 0, variantPrice: 1 },
          { variantToken: 'vrnt_hidden2', variantVisible: '0', variantPrice: 1 },
          { variantToken: '', variantPrice: 1 },
          'vrnt_string',
          null,
          { variantToken: 'vrnt_granola', variantName: '500 g', variantPrice: 6.8, deleted: 0, variantVisible: 1 },
        ],
      }),
      null,
      options,
    );
    expect(details.cartVariantId).toBe('vrnt_granola');
    expect(details.price).toEqual(usd(680));
    expect(details.name).toBe('Organic Oat Milk 1 L');
  });

  it("shows no price for a product-level item whose variants differ, unless the product's own is real", () => {
    expect(normalizeProductDetails(product(), null, options).price).toBeNull();
    expect(normalizeProductDetails(product({ prodPrice: '10.00' }), null, options).price).toEqual(usd(1000));
  });

  it('keeps the item variant for the cart even when the product does not list it', () => {
    const details = normalizeProductDetails(product(), 'vrnt_unknown', options);
    expect(details.cartVariantId).toBe('vrnt_unknown');
    expect(details.name).toBe('Organic Oat Milk 1 L');
  });

  it('has no cart variant for a product-level item without usable variants', () => {
    expect(normalizeProductDetails(product({ variants: [] }), null, options).cartVariantId).toBeNull();
    expect(normalizeProductDetails(product({ variants: '[]' }), null, options).cartVariantId).toBeNull();
  });

  it('uses a variant name when the product has none', () => {
    expect(normalizeProductDetails(product({ prodName: '\t' }), 'vrnt_oat6', options).name).toBe('6-pack');
    expect(normalizeProductDetails(product({ prodName: null }), 'vrnt_oat1', options).name).toBeNull();
  });

  it.each([null, undefined, '', [], 'not found', 404, { message: 'Product not found' }])(
    'reads %j as nothing known',
    (data) => {
      expect(normalizeProductDetails(data, 'vrnt_1', options)).toEqual({
        name: null,
        price: null,
        imageUrl: null,
        cartVariantId: 'vrnt_1',
      });
    },
  );

  it('never throws and returns well-formed details (property)', () => {
    const variantArb = fc.record(
      {
        variantToken: tokenArb,
        variantName: fc.oneof(fc.constantFrom('', ' ', '\t6-pack\n', 'Single'), fc.string(), junk),
        variantPrice: priceArb,
        variantImage: imageArb,
        variantVisible: fc.oneof(fc.constantFrom(0, 1, '0', '1'), junk),
        deleted: fc.oneof(fc.constantFrom(0, 1, '0', '1'), junk),
      },
      { requiredKeys: [] },
    );
    const productArb = fc.oneof(
      junk,
      fc.record(
        {
          prodName: fc.oneof(fc.constantFrom('', '\t', 'Oat Milk\t', '  Lemons  '), fc.string(), junk),
          prodPrice: priceArb,
          prodImage: imageArb,
          variants: fc.oneof(fc.array(fc.oneof(variantArb, junk), { maxLength: 6 }), junk),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(
        productArb,
        fc.option(fc.constantFrom('vrnt_1', 'vrnt_2', '123456')),
        optionsArb,
        (data, variantId, opts) => {
          const details = normalizeProductDetails(data, variantId, opts);
          expect(Object.keys(details).sort()).toEqual(['cartVariantId', 'imageUrl', 'name', 'price']);
          if (details.name !== null) {
            expect(typeof details.name).toBe('string');
            expect(details.name).not.toBe('');
            expect(details.name).toBe(details.name.trim());
            expect(details.name).not.toMatch(/[\t\n\r]|\s{2}/);
          }
          expectMoney(details.price, opts.currency);
          expectSafeUrl(details.imageUrl);
          if (variantId) expect(details.cartVariantId).toBe(variantId);
          else if (details.cartVariantId !== null) {
            expect(typeof details.cartVariantId).toBe('string');
            expect(details.cartVariantId.trim()).not.toBe('');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
