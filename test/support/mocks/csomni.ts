import { csomni, type CsOmniFake } from '../vendors/csomni.ts';
import type { VendorMock } from './mock-api.ts';

/**
 * The demo shop's CS Omni store: the fake CS Omni API (`../vendors/csomni.ts`) with a catalogue,
 * a customer's list and the latency of a real API. Its data keeps every quirk of the vendor's
 * documented samples: empty-string prices and product tokens, `variantImage` as `""`, `[]`,
 * `{file:"[]"}`, `{type:""}` or an object with an escaped path, quantities as strings, `prod_…`
 * tokens in `variantToken`, repeated rows, product names ending in a tab, variants named `""`.
 */

interface MockVariant {
  variantToken: string;
  variantName: string;
  variantPrice: number;
  file?: string;
}
interface MockProduct {
  prodToken: string;
  prodName: string;
  prodPrice: string;
  file?: string;
  variants: MockVariant[];
}

const catalogue: MockProduct[] = [
  {
    prodToken: 'prod_oatmilk',
    prodName: 'Organic Oat Milk 1 L\t',
    prodPrice: '.00',
    file: '9-14-2021/1631634128386__40977__oat-milk.jpg',
    variants: [
      {
        variantToken: 'vrnt_oatmilk1',
        variantName: '',
        variantPrice: 3.5,
        file: '9-14-2021/1631634128386__40977__oat-milk.jpg',
      },
      { variantToken: 'vrnt_oatmilk6', variantName: '6-pack', variantPrice: 19.9 },
    ],
  },
  {
    prodToken: 'prod_bananas',
    prodName: 'Fairtrade Bananas',
    prodPrice: '0.29',
    variants: [{ variantToken: 'vrnt_banana1', variantName: 'Single', variantPrice: 0.29 }],
  },
  {
    prodToken: 'prod_lemons',
    prodName: 'Unwaxed Lemons  ',
    prodPrice: '0.49',
    variants: [{ variantToken: 'vrnt_lemon1', variantName: '', variantPrice: 0.49 }],
  },
  {
    prodToken: 'prod_sourdough',
    prodName: 'Rye Sourdough Loaf',
    prodPrice: '.00',
    file: '3-8-2021/1615263242853__786458__sourdough.png',
    variants: [
      {
        variantToken: 'vrnt_sourdough',
        variantName: '800 g',
        variantPrice: 1,
        file: '3-8-2021/1615263242853__786458__sourdough.png',
      },
    ],
  },
  {
    prodToken: 'prod_coffee',
    prodName: 'Single-Origin Coffee Beans',
    prodPrice: '.00',
    file: '1-19-2021/1611091609025__507613__coffee-beans.jpg',
    variants: [
      {
        variantToken: 'vrnt_coffee1kg',
        variantName: '1 kg, whole bean',
        variantPrice: 43.54,
        file: '1-19-2021/1611091609025__507613__coffee-beans.jpg',
      },
      { variantToken: 'vrnt_coffee250', variantName: '250 g, ground', variantPrice: 12.5 },
    ],
  },
  {
    prodToken: 'prod_olive',
    prodName: 'Extra Virgin Olive Oil',
    prodPrice: '10.00',
    file: '6-10-2021/1623352409463__31430__olive-oil.jpg',
    variants: [
      {
        variantToken: 'vrnt_olive500',
        variantName: '500 ml',
        variantPrice: 10,
        file: '6-10-2021/1623352409463__31430__olive-oil.jpg',
      },
    ],
  },
  {
    prodToken: 'prod_honey',
    prodName: 'Wildflower Honey',
    prodPrice: '.00',
    file: '4-18-2021/1618739190948__90034__honey.webp',
    variants: [
      {
        variantToken: 'vrnt_honey',
        variantName: '',
        variantPrice: 15,
        file: '4-18-2021/1618739190948__90034__honey.webp',
      },
    ],
  },
  {
    prodToken: 'prod_tea',
    prodName: 'Earl Grey Tea, 50 bags',
    prodPrice: '.00',
    variants: [{ variantToken: 'vrnt_tea50', variantName: '', variantPrice: 5 }],
  },
  {
    prodToken: 'prod_granola',
    prodName: 'Maple Pecan Granola',
    prodPrice: '6.80',
    file: '2-2-2022/1643800000000__11111__granola.jpg',
    variants: [{ variantToken: 'vrnt_granola', variantName: '500 g', variantPrice: 6.8 }],
  },
  {
    prodToken: 'prod_eggs',
    prodName: 'Free-Range Eggs',
    prodPrice: '.00',
    file: '5-5-2022/1651700000000__22222__eggs.jpg',
    variants: [
      {
        variantToken: 'vrnt_eggs12',
        variantName: 'Dozen',
        variantPrice: 4.2,
        file: '5-5-2022/1651700000000__22222__eggs.jpg',
      },
    ],
  },
  {
    prodToken: 'prod_chocolate',
    prodName: 'Dark Chocolate 85%',
    prodPrice: '.00',
    file: '7-7-2022/1657200000000__33333__chocolate.jpg',
    variants: [{ variantToken: 'vrnt_choc', variantName: '', variantPrice: 1.1 }],
  },
];

const image = (file: string) => ({ file, id: 'ast20tjq', status: 'poolImages' });

/** The customer's list, shaped row by row like the vendor's samples. */
const customerRows: unknown[] = [
  {
    variantToken: 'vrnt_oatmilk1',
    quantity: 145,
    price: 3.5,
    variantImage: image('9-14-2021/1631634128386__40977__oat-milk.jpg'),
    productToken: 'prod_oatmilk',
  },
  { variantToken: 'vrnt_9d1kq0', quantity: 134, price: '', variantImage: '', productToken: '' },
  {
    variantToken: 'vrnt_banana1',
    quantity: '17',
    price: 0.29,
    variantImage: { file: '[]' },
    productToken: 'prod_bananas',
  },
  { variantToken: 'vrnt_lemon1', quantity: 6, price: 0.49, variantImage: [], productToken: 'prod_lemons' },
  {
    variantToken: 'vrnt_sourdough',
    quantity: 5,
    price: 1,
    variantImage: { file: '3-8-2021/1615263242853__786458__sourdough.png' },
    productToken: 'prod_sourdough',
  },
  {
    variantToken: 'vrnt_coffee1kg',
    quantity: '5',
    price: 43.54,
    variantImage: { file: '1-19-2021/1611091609025__507613__coffee-beans.jpg' },
    productToken: 'prod_coffee',
  },
  {
    variantToken: 'vrnt_olive500',
    quantity: 4,
    price: 10,
    variantImage: image('6-10-2021/1623352409463__31430__olive-oil.jpg'),
    productToken: 'prod_olive',
  },
  { variantToken: 'prod_granola', quantity: 3, price: '', variantImage: '', productToken: '' },
  { variantToken: 'vrnt_7hh2m1', quantity: 2, price: '', variantImage: '', productToken: '' },
  {
    variantToken: 'vrnt_honey',
    quantity: 2,
    price: 15,
    variantImage: { file: '4-18-2021/1618739190948__90034__honey.webp' },
    productToken: 'prod_honey',
  },
  { variantToken: 'vrnt_eggs12', quantity: 2, price: '4.20', variantImage: { type: '' }, productToken: 'prod_eggs' },
  { variantToken: 'vrnt_coffee250', quantity: 1, price: '', variantImage: { file: '' }, productToken: 'prod_coffee' },
  { variantToken: 'vrnt_tea50', quantity: 1, price: 5, variantImage: { file: '[]' }, productToken: 'prod_tea' },
  {
    variantToken: 'vrnt_choc',
    quantity: 1,
    price: 1.1,
    variantImage: { file: '7-7-2022/1657200000000__33333__chocolate.jpg' },
    productToken: 'prod_chocolate',
  },
  { variantToken: 'vrnt_oatmilk1', quantity: 1, price: 3.5, variantImage: '', productToken: 'prod_oatmilk' },
  {
    variantToken: 'vrnt_gone',
    quantity: 1,
    price: 2.75,
    variantImage: { file: '' },
    productToken: 'prod_discontinued',
  },
];

/** The site-wide list (no `customerToken`): the same catalogue in another order. */
const siteRows = [...customerRows].reverse();

/** A product of the catalogue as the vendor answers its look-up. */
function productAnswer(product: MockProduct) {
  return {
    prodToken: product.prodToken,
    prodName: product.prodName,
    prodSlug: product.prodName.trim().toLowerCase().replace(/\W+/g, '-'),
    prodImage: product.file ? { file: product.file, type: 'image' } : { type: '' },
    prodPrice: product.prodPrice,
    prodVisible: 1,
    variantInfo: {
      priceFrom: product.variants[0]?.variantPrice ?? null,
      priceTo: null,
      variantCount: product.variants.length,
    },
    variants: product.variants.map((v, index) => ({
      prodToken: product.prodToken,
      variantToken: v.variantToken,
      variantName: v.variantName,
      variantImage: v.file
        ? { file: v.file, type: 'image', id: 'ast1', status: 'poolImages' }
        : index % 2
          ? []
          : { type: '' },
      variantNumber: String(index + 1),
      variantPrice: v.variantPrice,
      variantVisible: 1,
      variantInStock: true,
      inventoryCount: index === 0 ? -2 : 14,
      deleted: 0,
      dateCreated: '1631634128',
      createdAt: '2021-09-14 15:42:08',
    })),
  };
}

let guests = 0;

const store: CsOmniFake = {
  rows: (customer, refreshed) => {
    const rows = customer ? customerRows : siteRows;
    // A fresh pull: the same rows, the top two swapped, as a new day's data would be.
    return refreshed ? [rows[1], rows[0], ...rows.slice(2)] : rows;
  },
  products: (token) => {
    const product = catalogue.find((each) => each.prodToken === token);
    return product && productAnswer(product);
  },
  cartOf: (customer) => {
    if (customer) return { cartToken: `cart_${customer}`, customerToken: customer };
    guests += 1;
    return { cartToken: `cart_guest${guests}`, customerToken: `cs_guest${guests}` };
  },
  sells: (prodToken) => catalogue.some((p) => p.variants.some((v) => v.variantToken === prodToken)),
  requireSiteToken: true,
  // Names arrive at different times, as they would from a real API under load.
  delays: { product: (token) => 150 + ((token.length * 97) % 600), cartProducts: 250 },
};

const api = csomni(store);
const empty = csomni({ ...store, rows: [] });

/** The demo shop's CS Omni: the fake with its catalogue; fault `empty`: an empty list. */
export const csomniMock: VendorMock = async (request, fault) => (fault === 'empty' ? empty : api)(request);
