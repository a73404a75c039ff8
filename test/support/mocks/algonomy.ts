import { algonomy, type AlgonomyFake } from '../vendors/algonomy.ts';
import { json } from '../fake-fetch.ts';
import type { VendorMock } from './mock-api.ts';

/**
 * The demo buyer's Algonomy RCDP: the fake Algonomy API (`../vendors/algonomy.ts`) with a B2B
 * purchase history, a little latency, and the vendor's credential checks. Its data keeps the
 * vendor's quirks: money as `"$100.30"`, `"$ 55.9"`, `"$1000.0"` and `"$1,000.50"`, images as
 * `" "`, `orderDate` as `""`, `" "`, ISO or `"2024-03-05 10:00:00"`, `customerId` as a number on
 * one page and a string on the next, quantities as strings, names with odd spacing and casing,
 * a product listed twice in one page, one listed again on a later page, one row without a code.
 *
 * Customers: gcrId `gcr-empty` has bought nothing; everyone else is the demo buyer. An access
 * token `expired` answers 401 `{ status: "ERROR", message: "Access token expired" }`.
 * Faults: `empty` (a clean empty result) and `page3-500` (page 3 answers 500, others work).
 */

const asset = (name: string) => `/mock/assets/${name}.jpg`;

/** The two rows of the vendor's documented sample answer, as it writes them. */
export const ALGONOMY_SAMPLE_ROWS: Record<string, unknown>[] = [
  {
    productKey: 1,
    productCode: '1000000873152',
    productName: 'NF-PO06:NAVY:11-12 Y',
    productDescription: 'NF-PO06:NAVY:11-12 Y',
    productImgUrl: ' ',
    productQty: 1,
    orderValue: '$100.30',
    productValue: '$100.30',
    orderDate: '',
  },
  {
    productKey: 2,
    productCode: '4900016873417',
    productName: '71299:ORANGE:24',
    productDescription: '71299:ORANGE:24',
    productImgUrl: ' ',
    productQty: 10,
    orderValue: '$1000.0',
    productValue: '$100.0',
    orderDate: ' ',
  },
];

/** The demo buyer's history, most recent first. With `pageSize` 8: three pages. */
const rows: Record<string, unknown>[] = [
  // Page 1: the documented sample, then the demo's own.
  ...ALGONOMY_SAMPLE_ROWS,
  {
    productKey: 3,
    productCode: '5012345000018',
    productName: '  copier paper A4 80gsm, 5 reams ',
    productDescription: 'Copier paper',
    productImgUrl: asset('copier-paper'),
    productQty: '12',
    orderValue: '$ 55.9',
    productValue: '$ 55.9',
    orderDate: '2024-03-05 10:00:00',
  },
  {
    productKey: 4,
    productCode: '5012345000025',
    productName: 'NITRILE GLOVES   (BOX OF 100)',
    productDescription: '',
    productImgUrl: asset('nitrile-gloves'),
    productQty: 40,
    orderValue: '$1,000.50',
    productValue: '$25.01',
    orderDate: '2024-02-14T09:30:00Z',
  },
  {
    productKey: 5,
    productCode: '5012345000032',
    productName: 'Pallet wrap 500mm x 300m',
    productDescription: 'Stretch film',
    productImgUrl: ' ',
    productQty: '6',
    orderValue: '$ 131.4',
    productValue: '$21.90',
    orderDate: '2024-01-22T15:04:05.000Z',
  },
  {
    productKey: 6,
    productCode: '5012345000049',
    productName: 'heavy-duty stapler',
    productDescription: 'Stapler',
    productImgUrl: asset('stapler'),
    productQty: 2,
    orderValue: '$58.0',
    productValue: '$29.0',
    orderDate: '',
  },
  {
    productKey: 7,
    productCode: '5012345000056',
    productName: 'Hi-Vis Vest, Yellow, XL\t',
    productDescription: 'Vest',
    productImgUrl: ' ',
    productQty: 15,
    orderValue: '$1,012.50',
    productValue: '$ 67.5',
    orderDate: '2023-12-01 08:15:00',
  },
  {
    productKey: 8,
    productCode: '5012345000063',
    productName: 'Cable ties 300 mm (pack of 1000)',
    productDescription: 'Cable ties',
    productImgUrl: asset('cable-ties'),
    productQty: 3,
    orderValue: '$36.75',
    productValue: '$12.25',
    orderDate: 'N/A',
  },
  // Page 2
  {
    productKey: 9,
    productCode: 5012345000070,
    productName: 'Safety boots S3 size 43',
    productDescription: 'Boots',
    productImgUrl: ' ',
    productQty: '4',
    orderValue: '$ 319.6',
    productValue: '$79.90',
    orderDate: '2023-11-20 14:00:00',
  },
  {
    productKey: 10,
    productCode: '5012345000087',
    productName: 'LED panel 600x600 40W',
    productDescription: 'LED panel',
    productImgUrl: asset('led-panel'),
    productQty: 20,
    orderValue: '$1000.0',
    productValue: '$50.0',
    orderDate: '2023-11-02T11:00:00+01:00',
  },
  {
    productKey: 11,
    productCode: '5012345000094',
    productName: 'Toner cartridge  TN-2420',
    productDescription: 'Toner',
    productImgUrl: ' ',
    productQty: 5,
    orderValue: '$ 299.75',
    productValue: '$59.95',
    orderDate: ' ',
  },
  {
    productKey: 12,
    productCode: '5012345000087',
    productName: 'LED panel 600x600 40W',
    productDescription: 'LED panel (repeat row)',
    productImgUrl: asset('led-panel'),
    productQty: 4,
    orderValue: '$200.0',
    productValue: '$50.0',
    orderDate: '2023-10-15T10:00:00Z',
  },
  {
    productKey: 13,
    productCode: ' ',
    productName: 'Unmapped legacy item',
    productDescription: '',
    productImgUrl: ' ',
    productQty: 1,
    orderValue: '$9.99',
    productValue: '$9.99',
    orderDate: '',
  },
  {
    productKey: 14,
    productCode: '5012345000100',
    productName: 'WAREHOUSE LABELS 100x150 (roll)',
    productDescription: 'Labels',
    productImgUrl: asset('labels'),
    productQty: '30',
    orderValue: '$1,234.50',
    productValue: '$41.15',
    orderDate: '2023-09-30 17:45:00',
  },
  {
    productKey: 15,
    productCode: '5012345000117',
    productName: 'ear defenders',
    productDescription: 'Ear defenders',
    productImgUrl: 'javascript:alert(1)',
    productQty: 8,
    orderValue: '$ 95.2',
    productValue: '$11.90',
    orderDate: '2023-09-01',
  },
  {
    productKey: 16,
    productCode: '5012345000124',
    productName: '',
    productDescription: 'Unnamed SKU',
    productImgUrl: ' ',
    productQty: 1,
    orderValue: '$4.5',
    productValue: '$4.5',
    orderDate: 'yesterday',
  },
  // Page 3
  {
    productKey: 17,
    productCode: '5012345000131',
    productName: 'Bin liners 120 L, heavy',
    productDescription: 'Bin liners',
    productImgUrl: asset('bin-liners'),
    productQty: 10,
    orderValue: '$ 89.0',
    productValue: '$8.90',
    orderDate: '2023-08-18 09:00:00',
  },
  {
    productKey: 18,
    productCode: '5012345000148',
    productName: 'Hand sanitiser 5 L',
    productDescription: 'Sanitiser',
    productImgUrl: ' ',
    productQty: '2',
    orderValue: '$63.80',
    productValue: '$31.90',
    orderDate: '',
  },
  {
    productKey: 19,
    productCode: '5012345000155',
    productName: 'Packing tape, brown (36 rolls)',
    productDescription: 'Tape',
    productImgUrl: asset('packing-tape'),
    productQty: 6,
    orderValue: '$1,000.50',
    productValue: '$166.75',
    orderDate: '2023-07-04T12:00:00Z',
  },
  {
    productKey: 20,
    productCode: '5012345000162',
    productName: 'First aid kit  (workplace, 50)',
    productDescription: 'First aid',
    productImgUrl: ' ',
    productQty: 1,
    orderValue: '$100.30',
    productValue: '$100.30',
    orderDate: ' ',
  },
  {
    productKey: 21,
    productCode: '5012345000018',
    productName: 'Copier paper A4 80gsm, 5 reams',
    productDescription: 'Copier paper (bought again)',
    productImgUrl: asset('copier-paper'),
    productQty: 8,
    orderValue: '$ 37.3',
    productValue: '$ 37.3',
    orderDate: '2023-06-12 10:00:00',
  },
  {
    productKey: 22,
    productCode: '5012345000179',
    productName: 'dust masks FFP2',
    productDescription: 'Masks',
    productImgUrl: ' ',
    productQty: '50',
    orderValue: '$ 55.9',
    productValue: '$1.118',
    orderDate: '2023-05-30T08:00:00Z',
  },
  {
    productKey: 23,
    productCode: '5012345000186',
    productName: 'Shelving unit 1800 x 900',
    productDescription: 'Shelving',
    productImgUrl: asset('shelving'),
    productQty: 1,
    orderValue: '$1000.0',
    productValue: '$1000.0',
    orderDate: '2023-05-02 16:20:00',
  },
  {
    productKey: 24,
    productCode: '5012345000193',
    productName: 'Whiteboard markers, ASSORTED',
    productDescription: 'Markers',
    productImgUrl: ' ',
    productQty: 12,
    orderValue: '$ 46.8',
    productValue: '$3.90',
    orderDate: '',
  },
];

const CUSTOMER_ID = 2056;
const EMPTY_CUSTOMER = 'gcr-empty';

/** The pointer page `page` hands on to the page after it. */
export function algonomyMockLastKey(page: number, pageSize: number): { HK_CUSTOMER_CODE: string; RK_DATE_KEY: number } {
  return { HK_CUSTOMER_CODE: `1_${CUSTOMER_ID}`, RK_DATE_KEY: page * pageSize };
}

const store: AlgonomyFake = {
  history: (customer) => (customer.gcrId === EMPTY_CUSTOMER ? [] : rows),
  // customerId arrives as a number on odd pages and as a string on even ones.
  customerId: (customer, page) =>
    customer.gcrId === EMPTY_CUSTOMER ? 3001 : page % 2 === 0 ? String(CUSTOMER_ID) : CUSTOMER_ID,
  lastKey: algonomyMockLastKey,
  requireCredentials: true,
  maxPageSize: 200,
  delay: 150,
};

const api = algonomy(store);
const faulted: Record<string, ReturnType<typeof algonomy>> = {
  // A clean empty result in its terse form: no list at all, a count of 0.
  empty: algonomy({ ...store, history: () => null }),
  'page3-500': algonomy({
    ...store,
    answer: (page) =>
      page === 3 ? json({ status: 'ERROR', message: 'Internal server error', data: null }, 500) : undefined,
  }),
};

/** The demo buyer's Algonomy API, with its faults. */
export const algonomyMock: VendorMock = async (request, fault) => (faulted[fault] ?? api)(request);
