/** The hostile CS Omni API of `hostile-api.ts`: its scenarios, in the vendor's shapes. */
import {
  MANY,
  MISSING_PRODUCTS,
  MISSING_ROWS,
  NAMED,
  NAMED_PRODUCTS,
  UNICODE_NAMES,
  type VendorScenario,
} from './hostile-data.ts';
import { CSOMNI_CALLS } from '../../src/sources/csomni.contract.ts';
import { json } from '../support/fake-fetch.ts';
import { whichCall } from '../support/vendors/calls.ts';
import { WRONG, jsonWithDeep, DEEP_ARRAY, DEEP_OBJECT, VERY_DEEP_OBJECT, wrong } from './hostile-json.ts';

export async function csomni(scenario: VendorScenario, url: URL): Promise<Response> {
  const call = whichCall(CSOMNI_CALLS, { url });
  const product = call?.name === 'product';
  if (product && scenario === 'many') {
    // Names never arrive for the 10,000 rows: this case is about rendering them.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return json({ message: 'Product not found' }, 404);
  }
  if (product && scenario === 'lookup-404') return json({ message: 'Product not found' }, 404);
  if (product) return json(csomniProduct(scenario, call.params.token));
  if (call?.name === 'list' || call?.name === 'refresh') {
    switch (scenario) {
      case 'many':
      case 'many-named': {
        // Variants of 50 products, as a big shop's best sellers would be.
        const count = scenario === 'many' ? MANY : NAMED;
        return json(
          Array.from({ length: count }, (_, i) => ({
            variantToken: `vrnt_${i}`,
            quantity: count - i,
            price: `${(i % 90) + 1}.${String(i % 100).padStart(2, '0')}`,
            variantImage: i % 3 ? { file: `many/${i}.jpg`, id: 'a', status: 'poolImages' } : '',
            productToken: `prod_${i % NAMED_PRODUCTS}`,
          })),
        );
      }
      case 'nested':
        return json(
          jsonWithDeep([
            DEEP_ARRAY,
            {
              variantToken: DEEP_OBJECT,
              productToken: DEEP_OBJECT,
              quantity: DEEP_OBJECT,
              price: DEEP_OBJECT,
              variantImage: DEEP_OBJECT,
            },
            {
              variantToken: DEEP_ARRAY,
              productToken: DEEP_ARRAY,
              quantity: DEEP_ARRAY,
              price: DEEP_ARRAY,
              variantImage: DEEP_ARRAY,
            },
            {
              variantToken: 'vrnt_ok',
              productToken: 'prod_ok',
              quantity: 2,
              price: 1.5,
              variantImage: { file: DEEP_OBJECT, nested: VERY_DEEP_OBJECT },
            },
            VERY_DEEP_OBJECT,
          ]),
        );
      case 'lookup-404':
        return json(
          Array.from({ length: MISSING_ROWS }, (_, i) => ({
            variantToken: `vrnt_gone_${i}`,
            quantity: MISSING_ROWS - i,
            price: 2.5,
            variantImage: '',
            productToken: MISSING_PRODUCTS[i % MISSING_PRODUCTS.length],
          })),
        );
      case 'wrong-types':
        // Every field of every row holds a wrong type, a different one per row; a few rows have
        // a usable token so something can render.
        return json(
          WRONG.map((_, i) => ({
            variantToken: i % 4 === 0 ? `vrnt_w${i}` : wrong(i),
            quantity: wrong(i, 1),
            price: wrong(i, 2),
            variantImage: wrong(i, 3),
            productToken: i % 4 === 0 ? `prod_w${i}` : wrong(i, 4),
          })).concat(WRONG.map((value) => value) as never[]),
        );
      case 'wrong-envelope':
        return json({ frequentlyPurchased: [{ variantToken: 'vrnt_1', productToken: 'prod_1' }], status: 'OK' });
      case 'unicode':
        return json(
          UNICODE_NAMES.map((name, i) => ({
            variantToken: i % 2 ? `vrnt_ü${i}_😀` : `vrnt_${i}`,
            quantity: i + 1,
            price: i % 3 === 0 ? '١٢٫٥٠' : `${i}.5${i % 10}`,
            variantImage: { file: `ünïcödé/${name.slice(0, 30)}.jpg`, id: 'a', status: 'poolImages' },
            productToken: i % 2 ? `prod_عربي_${i}` : `prod_${i}`,
          })),
        );
    }
  }
  return json({ message: `No route ${url.pathname}` }, 404);
}

function csomniProduct(scenario: VendorScenario, token: string): unknown {
  switch (scenario) {
    case 'many-named': {
      const k = Number(token.replace('prod_', ''));
      return {
        prodToken: token,
        prodName: `Product ${k}`,
        prodPrice: '.00',
        variants: Array.from({ length: NAMED / NAMED_PRODUCTS }, (_, j) => {
          const i = j * NAMED_PRODUCTS + k;
          return {
            prodToken: token,
            variantToken: `vrnt_${i}`,
            variantName: `Variant ${i}`,
            variantPrice: (i % 90) + 1,
            variantVisible: 1,
            deleted: 0,
          };
        }),
      };
    }
    case 'nested':
      // Already JSON text: serializing a 50,000-deep value again would overflow the stack here.
      return jsonWithDeep({
        prodToken: token,
        prodName: 'OK product',
        prodImage: DEEP_OBJECT,
        prodPrice: DEEP_ARRAY,
        variants: [
          DEEP_ARRAY,
          DEEP_OBJECT,
          { variantToken: 'vrnt_ok', variantName: DEEP_OBJECT, variantPrice: DEEP_ARRAY },
        ],
      });
    case 'wrong-types':
      return {
        prodToken: 42,
        prodName: { en: 'Not a string' },
        prodImage: 'file.jpg',
        prodPrice: [],
        variants: { 0: { variantToken: 'vrnt_w0' } },
        variantInfo: 'none',
      };
    case 'unicode': {
      const index = Number(/_(\d+)$/.exec(token)?.[1] ?? 0);
      return {
        prodToken: token,
        prodName: UNICODE_NAMES[index] ?? '🙂',
        prodPrice: '.00',
        variants: [
          {
            variantToken: index % 2 ? `vrnt_ü${index}_😀` : `vrnt_${index}`,
            variantName: '',
            variantPrice: index + 0.5,
          },
        ],
      };
    }
    default:
      return { prodToken: token, prodName: 'Unused', variants: [] };
  }
}
